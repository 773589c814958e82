package io.fer.video;

import java.util.Optional;

/**
 * A single-slot handoff between a producer that must not wait (a camera, an application's capture thread) and a
 * slower consumer: a frame put while another is waiting replaces it, and the replaced one is counted as dropped.
 * Memory stays at one frame however slow the consumer is.
 */
final class FrameSlot {
    private VideoFrame waiting;
    private boolean ended;
    private long dropped;

    /** Offers a frame; false once the slot has ended. */
    synchronized boolean put(VideoFrame frame) {
        if (ended) {
            return false;
        }
        if (waiting != null) {
            dropped++;
        }
        waiting = frame;
        notifyAll();
        return true;
    }

    /** The waiting frame, waiting for one; empty once ended and drained (or when interrupted). */
    synchronized Optional<VideoFrame> take() {
        while (waiting == null && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        VideoFrame f = waiting;
        waiting = null;
        return Optional.ofNullable(f);
    }

    /** No more frames; a frame already waiting is still handed out. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Ends and discards a waiting frame (close: nothing more is wanted). */
    synchronized void discard() {
        ended = true;
        waiting = null;
        notifyAll();
    }

    synchronized long dropped() {
        return dropped;
    }
}

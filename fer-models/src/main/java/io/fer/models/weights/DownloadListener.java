package io.fer.models.weights;

import java.net.URI;

/** Receives progress while {@link ImageNetWeights} downloads a file. */
@FunctionalInterface
public interface DownloadListener {
    /** Ignores all progress. */
    DownloadListener NONE = (url, done, total) -> {};

    /**
     * Called as bytes arrive, and once more when the body is complete.
     *
     * @param bytesDone bytes received so far
     * @param bytesTotal the announced length, or -1 if the server did not announce one
     */
    void progress(URI url, long bytesDone, long bytesTotal);
}

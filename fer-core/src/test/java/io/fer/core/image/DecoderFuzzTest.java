package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short, seeded fuzz of the decoders: random bytes behind each format's signature, and valid small images with
 * bytes flipped, cut, or stretched. Every input must give an image or an {@link UnreadableImageException} naming the
 * source: no other exception, no {@link Error}, no hang. The pixel budget is lowered to one megapixel so that a
 * mutated header cannot make a case slow; the budget's own check is what keeps memory bounded.
 */
class DecoderFuzzTest {
    private static final int CASES = 300;

    @BeforeEach
    void smallBudget() {
        System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "1000000");
    }

    @AfterEach
    void clearBudget() {
        System.clearProperty(ImageLimits.MAX_PIXELS_PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "gif", "jpeg", "bmp", "tiff"})
    void mutatedAndRandomBytesGiveAnImageOrACleanError(String format) {
        byte[] valid = ImageBombs.small(format);
        Random random = new Random(format.hashCode() * 31L + 12);
        List<byte[]> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(mutate(valid, random));
        }
        for (int i = 0; i < CASES / 5; i++) {
            byte[] noise = new byte[1 + random.nextInt(600)];
            random.nextBytes(noise);
            // keep the signature so the format's decoder, not the format sniffing, gets the noise
            System.arraycopy(valid, 0, noise, 0, Math.min(8, noise.length));
            cases.add(noise);
        }
        int[] decoded = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < cases.size(); i++) {
                String name = format + "-case-" + i;
                try {
                    RgbImage img = ImageDecoding.read(cases.get(i), name);
                    assertThat((long) img.width() * img.height()).as(name).isLessThanOrEqualTo(1_000_000);
                    decoded[0]++;
                } catch (UnreadableImageException e) {
                    assertThat(e.getMessage()).as(name).contains(name);
                }
            }
        });
        assertThat(decoded[0]).as("some mutations leave a decodable image").isGreaterThan(0);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bytes anywhere, headers included
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, 1 + random.nextInt(b.length)); // truncate
            case 2 -> { // overwrite a run with 0xFF (lengths and sizes become huge)
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(4));
                java.util.Arrays.fill(b, at, at + len, (byte) 0xFF);
            }
            default -> { // a byte flipped in the first 64 (the header) and a tail of garbage
                b[random.nextInt(Math.min(64, b.length))] ^= (byte) (1 << random.nextInt(8));
                byte[] tail = new byte[random.nextInt(64)];
                random.nextBytes(tail);
                byte[] longer = java.util.Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, longer, b.length, tail.length);
                b = longer;
            }
        }
        return b;
    }
}

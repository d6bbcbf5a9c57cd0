package io.camelmedia.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small random-mutation fuzz loop: flips, overwrites with boundary values, truncations and insertions
 * of a real seed. A parser may succeed or throw {@link CodecException}; anything else (index out of
 * bounds, negative array size, out of memory, arithmetic) fails the test with the input that caused it.
 */
public final class Fuzz {
    public static final int DEFAULT_ITERATIONS = 3000;
    private static final byte[] BOUNDARY = {0, 1, 3, (byte) 0x7F, (byte) 0x80, (byte) 0xFF};

    private Fuzz() {
    }

    public static void run(String name, byte[] seed, Consumer<byte[]> parser) {
        run(name, seed, DEFAULT_ITERATIONS, parser);
    }

    public static void run(String name, byte[] seed, int iterations, Consumer<byte[]> parser) {
        Random random = new Random(name.hashCode());
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(seed, random);
            try {
                parser.accept(input);
            } catch (CodecException expected) {
                // allowed outcome
            } catch (Throwable t) {
                fail(name + ": " + t + " on input " + java.util.HexFormat.of().formatHex(input), t);
            }
        }
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[pos] = BOUNDARY[random.nextInt(BOUNDARY.length)];
                case 2 -> b = Arrays.copyOf(b, pos);
                case 3 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    n[pos] = (byte) random.nextInt(256);
                    System.arraycopy(b, pos, n, pos + 1, b.length - pos);
                    b = n;
                }
                default -> b[pos] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}

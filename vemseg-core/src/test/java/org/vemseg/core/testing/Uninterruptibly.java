package org.vemseg.core.testing;

/** Waiting that an interrupt does not cut short, as slow I/O behaves; the interrupt status is kept. */
public final class Uninterruptibly {

    private Uninterruptibly() {
    }

    public static void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

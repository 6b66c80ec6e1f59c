package org.vemseg.nn.pretrain;

/**
 * Outcome of a pre-training run.
 *
 * @param iterations iterations done in total (incl. earlier sessions)
 * @param seconds training time in total
 * @param losses losses of this session's iterations
 * @param interrupted stopped by Ctrl-C (a checkpoint was written; no encoder file yet)
 */
public record PretrainResult(long iterations, double seconds, double[] losses, int patches, boolean interrupted) {

    /** Mean loss of the first (or last, if negative) {@code n} iterations of this session. */
    public double meanLoss(int n) {
        int k = Math.min(Math.abs(n), losses.length);
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += losses[n >= 0 ? i : losses.length - k + i];
        }
        return k == 0 ? Double.NaN : s / k;
    }
}

package org.vemseg.nn.train;

import java.util.Optional;

/**
 * Turns a wall-clock budget into a schedule length, so that the learning-rate schedule completes within the
 * budget: after {@code fitAfter} timed iterations the total is fitted to the speed so far, optionally re-fitted
 * every {@value #REFIT_EVERY} iterations on the steady-state speed, and the run ends when the budget is spent.
 */
public final class TimeBudget implements TrainingListener {

    /** Iterations timed before a training budget is converted into an iteration count. */
    static final int FIT_AFTER = 5;
    /** Iterations between re-fits of the iteration count to a training budget (after the first fit). */
    private static final int REFIT_EVERY = 25;

    private final double budgetSeconds;
    private final int fitAfter;
    private final boolean refit;
    private final long minRemaining;
    private final Optional<ValidationListener> validation;
    private final int validateEvery;
    private long fitIteration;
    private double fitSeconds;
    private double fitValidationSeconds;

    private TimeBudget(double budgetSeconds, int fitAfter, boolean refit, long minRemaining,
            Optional<ValidationListener> validation, int validateEvery) {
        this.budgetSeconds = budgetSeconds;
        this.fitAfter = fitAfter;
        this.refit = refit;
        this.minRemaining = minRemaining;
        this.validation = validation;
        this.validateEvery = validateEvery;
    }

    /**
     * The budget of a training member: fitted after {@value #FIT_AFTER} iterations and one validation (whose cost
     * is part of the estimate), then re-fitted on the speed since, validations counted apart.
     */
    static TimeBudget forTraining(double budgetSeconds, Optional<ValidationListener> validation, int validateEvery) {
        return new TimeBudget(budgetSeconds, FIT_AFTER, true, 1, validation, validateEvery);
    }

    /** A budget fitted once, after {@code fitAfter} iterations, and never re-fitted. */
    public static TimeBudget fittedOnce(double budgetSeconds, int fitAfter) {
        return new TimeBudget(budgetSeconds, fitAfter, false, 0, Optional.empty(), 1);
    }

    @Override
    public void onIteration(FitState s) {
        if (!s.totalFixed() && s.iteration() == fitAfter) {
            // First estimate, pessimistic because it includes warm-up (graph set-up, JIT).
            validation.ifPresent(v -> v.validate(s));
            s.tick();
            fitIteration = s.iteration();
            fitValidationSeconds = validationSeconds();
            fitSeconds = s.seconds() - fitValidationSeconds;
            s.fixTotal(fit(s, s.seconds() / s.iteration()));
        } else if (refit && fitIteration > 0 && s.iteration() % REFIT_EVERY == 0) {
            // Re-fit on the steady-state speed since warm-up, so the schedule ends on the budget.
            double trainSeconds = s.seconds() - (validationSeconds() - fitValidationSeconds) - fitSeconds;
            s.setTotal(fit(s, trainSeconds / (s.iteration() - fitIteration)));
        }
        if (s.seconds() >= budgetSeconds) {
            s.setTotal(s.iteration());
        }
    }

    private double validationSeconds() {
        return validation.map(ValidationListener::totalSeconds).orElse(0.0);
    }

    /** Iteration count that ends the run when the budget is spent, at the given speeds. */
    private long fit(FitState s, double perIteration) {
        double remaining = budgetSeconds - s.seconds();
        double perValidation = validation.map(ValidationListener::lastSeconds).orElse(0.0);
        return s.iteration() + Math.max(minRemaining, (long) (remaining / (perIteration + perValidation
                / validateEvery)));
    }
}

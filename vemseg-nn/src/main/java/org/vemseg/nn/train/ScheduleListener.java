package org.vemseg.nn.train;

/** Sets each step's learning rate from a {@link LrSchedule} over the current schedule length. */
public final class ScheduleListener implements TrainingListener {

    private final LrSchedule schedule;

    public ScheduleListener(LrSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void beforeStep(FitState s) {
        s.setLr(schedule.at(s.iteration(), s.total()));
    }
}

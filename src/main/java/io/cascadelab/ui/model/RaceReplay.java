package io.cascadelab.ui.model;

/**
 * The race window's shared clock: a position on the race's time axis (nanoseconds of the runs'
 * own wall time), a speed from ×0.25 to ×4, play and pause; each frame advances it by the frame's
 * time × speed. No JavaFX: the window reads it.
 */
public final class RaceReplay {

    /** The speeds offered. */
    public static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4};

    private final long end;
    private long position;
    private double speed = 1;
    private boolean playing;

    public RaceReplay(long end) {
        this.end = Math.max(0, end);
    }

    /** Plays from the position (from the start again when at the end). */
    public void play() {
        if (position >= end) {
            position = 0;
        }
        playing = true;
    }

    public void pause() {
        playing = false;
    }

    public boolean playing() {
        return playing;
    }

    /** Moves the clock to {@code t} (clamped to the race). */
    public void seek(long t) {
        position = Math.max(0, Math.min(end, t));
    }

    /** Sets the speed; refused outside ×0.25–×4. */
    public void speed(double s) {
        if (!(s >= SPEEDS[0] && s <= SPEEDS[SPEEDS.length - 1])) {
            throw new IllegalArgumentException("replay speed " + s + " is outside ×0.25–×4");
        }
        speed = s;
    }

    public double speed() {
        return speed;
    }

    /** Advances by a frame of {@code frameNanos} of real time when playing; stops at the end. */
    public long advance(long frameNanos) {
        if (playing) {
            position = Math.min(end, position + (long) (frameNanos * speed));
            if (position >= end) {
                playing = false;
            }
        }
        return position;
    }

    public long position() {
        return position;
    }

    public long end() {
        return end;
    }
}

package io.cascadelab.ui.model;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The run state machine behind Run, Pause/Resume, Step and Stop: which state the window is in and
 * what each button does to the current run's {@link StepGate}.
 */
public final class RunStates {

    /** Where a run is. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPING, FINISHED }

    private final SimpleObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private StepGate gate;

    /** The state, for bindings. */
    public ReadOnlyObjectProperty<State> property() {
        return state;
    }

    public State get() {
        return state.get();
    }

    /** True while a run is going, paused or stopping. */
    public boolean isActive() {
        State s = state.get();
        return s == State.RUNNING || s == State.PAUSED || s == State.STOPPING;
    }

    /** A run began behind {@code runGate} (paused: it waits for Step). */
    public void started(StepGate runGate, boolean paused) {
        gate = runGate;
        state.set(paused ? State.PAUSED : State.RUNNING);
    }

    /** Step during a run: one more target review, then paused. Returns false when no run is active (start one). */
    public boolean step() {
        if (!isActive()) {
            return false;
        }
        gate.step();
        state.set(State.PAUSED);
        return true;
    }

    /** Pauses a running run after its current step, or resumes a paused one. */
    public void pauseOrResume() {
        if (state.get() == State.RUNNING) {
            gate.pause();
            state.set(State.PAUSED);
        } else if (state.get() == State.PAUSED) {
            gate.resume();
            state.set(State.RUNNING);
        }
    }

    /** Cancels an active run; returns false when there was none. */
    public boolean stop() {
        if (!isActive()) {
            return false;
        }
        gate.cancel();
        state.set(State.STOPPING);
        return true;
    }

    /** The run ended. */
    public void finished() {
        state.set(State.FINISHED);
    }

    /** Back to no run. */
    public void reset() {
        gate = null;
        state.set(State.IDLE);
    }
}

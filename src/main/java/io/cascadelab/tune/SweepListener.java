package io.cascadelab.tune;

/** Receives a sweep's progress and each finished cell (on the sweep's thread). */
public interface SweepListener {

    /** After every decoding run. */
    void progress(SweepProgress progress);

    /** After every configuration measured on all prompts (the default one included). */
    void cellFinished(CellResult cell);

    /** A listener that ignores everything. */
    SweepListener NONE = new SweepListener() {
        @Override
        public void progress(SweepProgress progress) {
        }

        @Override
        public void cellFinished(CellResult cell) {
        }
    };
}

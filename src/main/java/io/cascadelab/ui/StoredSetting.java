package io.cascadelab.ui;

import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DjlEnvironment;

import java.util.List;
import java.util.prefs.Preferences;

/**
 * A choice the user makes in Settings, stored in {@link Preferences} and handed to the model
 * runtime through a system property. It takes effect on the next model load; the same property
 * given at start-up ({@code -Dcascadelab.device=...}) wins over the stored choice.
 */
record StoredSetting(String key, String property, List<String> choices) {

    /** The device: auto (a GPU when one is visible), cpu or gpu. */
    static final StoredSetting DEVICE = new StoredSetting("device", DjlEnvironment.DEVICE_PROPERTY,
            List.of("auto", "cpu", "gpu"));

    /** The compute dtype of the projections: f32 or f16 (for GPUs). */
    static final StoredSetting COMPUTE_DTYPE = new StoredSetting("dtype", ComputeDType.PROPERTY,
            List.of(ComputeDType.F32.label(), ComputeDType.F16.label()));

    StoredSetting {
        choices = List.copyOf(choices);
    }

    /** The stored choice; the first choice when nothing (or something unknown) is stored. */
    String stored() {
        String v = prefs().get(key, choices.get(0));
        return choices.contains(v) ? v : choices.get(0);
    }

    /** Stores a choice and makes it the one of the next model load. */
    void store(String choice) {
        if (!choices.contains(choice)) {
            throw new IllegalArgumentException("unknown " + key + " choice '" + choice + "'");
        }
        prefs().put(key, choice);
        System.setProperty(property, choice);
    }

    /** At start-up: the stored choice applies unless the property was set explicitly. */
    void applyStoredChoice() {
        if (System.getProperty(property) == null) {
            System.setProperty(property, stored());
        }
    }

    private static Preferences prefs() {
        return Preferences.userNodeForPackage(StoredSetting.class);
    }
}

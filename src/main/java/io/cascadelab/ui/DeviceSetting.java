package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;

import java.util.List;
import java.util.prefs.Preferences;

/**
 * The device the user picked in Settings, stored in {@link Preferences} and handed to the model
 * runtime through the {@value DjlEnvironment#DEVICE_PROPERTY} system property. It takes effect
 * on the next model load; a {@code -Dcascadelab.device=...} given at start-up wins over it.
 */
final class DeviceSetting {

    static final List<String> CHOICES = List.of("auto", "cpu", "gpu");
    private static final String KEY = "device";

    private DeviceSetting() {
    }

    /** The stored choice, "auto" when nothing (or something unknown) is stored. */
    static String stored() {
        String v = prefs().get(KEY, "auto");
        return CHOICES.contains(v) ? v : "auto";
    }

    /** Stores a choice and makes it the device of the next model load. */
    static void store(String choice) {
        if (!CHOICES.contains(choice)) {
            throw new IllegalArgumentException("unknown device choice '" + choice + "'");
        }
        prefs().put(KEY, choice);
        System.setProperty(DjlEnvironment.DEVICE_PROPERTY, choice);
    }

    /** At start-up: the stored choice applies unless the device was set explicitly. */
    static void applyStoredChoice() {
        if (System.getProperty(DjlEnvironment.DEVICE_PROPERTY) == null) {
            System.setProperty(DjlEnvironment.DEVICE_PROPERTY, stored());
        }
    }

    private static Preferences prefs() {
        return Preferences.userNodeForPackage(DeviceSetting.class);
    }
}

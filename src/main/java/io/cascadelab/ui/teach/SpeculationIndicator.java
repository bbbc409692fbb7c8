package io.cascadelab.ui.teach;

import io.cascadelab.ui.model.SpeculationCheck;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.util.Locale;

/** The status bar's "is speculation active?" label. */
public final class SpeculationIndicator {

    private static final String[] CLASSES = {"speculation-plain", "speculation-waiting", "speculation-active", "speculation-warning"};

    private SpeculationIndicator() {
    }

    /**
     * Shows {@code check} on {@code label}; hides it when null. Changes only what differs: the
     * statistics refresh it a few times a second, and a new style class or tooltip each time would
     * cost the FX thread CSS work in every refresh.
     */
    public static void show(Label label, SpeculationCheck check) {
        label.setVisible(check != null);
        label.setManaged(check != null);
        if (check == null) {
            return;
        }
        label.setText((check.state() == SpeculationCheck.State.WARNING ? "⚠ " : "") + check.text());
        String style = "speculation-" + check.state().name().toLowerCase(Locale.ROOT);
        if (!label.getStyleClass().contains(style)) {
            label.getStyleClass().removeAll(CLASSES);
            label.getStyleClass().add(style);
        }
        if (label.getTooltip() == null) {
            label.setTooltip(new Tooltip("Counted from this run's steps: tokens the drafters proposed to the target and "
                    + "tokens the target accepted (METRICS: AR = accepted ÷ tested)."));
        }
    }
}

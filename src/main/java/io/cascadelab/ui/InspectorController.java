package io.cascadelab.ui;

import io.cascadelab.trace.StepEvent;
import io.cascadelab.ui.inspector.CascadeView;
import io.cascadelab.ui.inspector.Waterfall;
import io.cascadelab.ui.model.ReviewNode;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.teach.GuidePanel;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.IntConsumer;

/** The Step inspector tab: the cascade of one target step and the waterfall of its model calls. */
public final class InspectorController {

    @FXML private VBox inspectorPane;
    @FXML private Label inspectorTitle;
    @FXML private Label inspectorSummary;
    @FXML private VBox inspectorBody;
    @FXML private Button previousStep;
    @FXML private Button nextStep;

    private IntConsumer navigator = s -> { };
    private int shown = -1;
    private int stepCount;
    private GuidePanel guide;

    /** Called with the step to show when the user presses previous or next. */
    public void setNavigator(IntConsumer n) {
        navigator = n;
    }

    /** Shows {@code step} of a run that has {@code stepCount} steps so far. */
    public void show(StepEvent step, int stepCount, TokenDecoder decoder) {
        shown = step.step();
        this.stepCount = stepCount;
        inspectorTitle.setText("Step " + step.step());
        inspectorSummary.setText(String.format(Locale.ROOT, "%d emitted · %d reviews · %d calls · %.2f ms",
                step.emitted().size(), step.reviews().size(), step.calls().size(), step.nanos() / 1e6));
        Label cascade = new Label("Cascade: reviews nested by level, horizontal segments side by side");
        cascade.getStyleClass().add("section-title");
        cascade.setWrapText(true);
        cascade.setMinHeight(Region.USE_PREF_SIZE);
        Label calls = new Label("Model calls (waterfall)");
        calls.getStyleClass().add("section-title");
        Node tree = CascadeView.of(ReviewNode.of(step), decoder);
        if (guide != null) {
            guide.stop();
        }
        guide = new GuidePanel(step, decoder, tree);
        inspectorBody.getChildren().setAll(guide.node(), cascade, tree, calls, Waterfall.of(step));
        guide.play();
        previousStep.setDisable(shown <= 0);
        nextStep.setDisable(shown >= stepCount - 1);
    }

    /** Forgets the shown step. */
    public void clear() {
        shown = -1;
        if (guide != null) {
            guide.stop();
            guide = null;
        }
        inspectorTitle.setText("No step selected");
        inspectorSummary.setText("");
        inspectorBody.getChildren().clear();
    }

    /** The step shown, or -1. */
    public int shownStep() {
        return shown;
    }

    @FXML
    void previous() {
        if (shown > 0) {
            navigator.accept(shown - 1);
        }
    }

    @FXML
    void next() {
        if (shown >= 0 && shown < stepCount - 1) {
            navigator.accept(shown + 1);
        }
    }

    /** The guided explanation of the shown step, or null. */
    public GuidePanel guide() {
        return guide;
    }

    /** The node to snapshot for a screenshot. */
    public VBox pane() {
        return inspectorPane;
    }
}

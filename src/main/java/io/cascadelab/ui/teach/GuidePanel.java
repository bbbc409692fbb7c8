package io.cascadelab.ui.teach;

import io.cascadelab.teach.Phase;
import io.cascadelab.teach.StepNarrator;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.model.TooltipText;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The guided step-through in the step inspector: the phases of one target step appear one after
 * another, each with its plain-language explanation, and the review it describes lights up in the
 * cascade view below.
 */
public final class GuidePanel {

    /** Time each phase stays current while the step plays. */
    static final Duration PHASE_TIME = Duration.millis(1400);

    private final VBox root = new VBox();
    private final List<Label> lines = new ArrayList<>();
    private final List<Phase> phases;
    private final Node cascade;
    private final Timeline timeline = new Timeline();
    private int current = -1;

    /** A guide to {@code step}, lighting up boxes of {@code cascade} (the step's cascade view). */
    public GuidePanel(StepEvent step, TokenDecoder decoder, Node cascade) {
        this.cascade = cascade;
        this.phases = StepNarrator.narrate(step, id -> "'" + TooltipText.visible(decoder.decode(new int[] {id})) + "'");
        root.getStyleClass().add("guide");
        Label title = new Label("What happened, phase by phase");
        title.getStyleClass().add("section-title");
        // a narrow panel wraps the title; the buttons keep their whole labels
        title.setWrapText(true);
        title.setMinWidth(0);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Button play = new Button("Play again");
        play.setId("guidePlay");
        play.setOnAction(e -> play());
        play.setMinWidth(Region.USE_PREF_SIZE);
        Button all = new Button("Show all");
        all.setId("guideShowAll");
        all.setOnAction(e -> showUpTo(phases.size() - 1));
        all.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.SOMETIMES);
        HBox header = new HBox(title, gap, play, all);
        header.getStyleClass().add("guide-header");
        root.getChildren().add(header);
        for (Phase p : phases) {
            Label l = new Label(label(p) + "  " + p.text());
            l.setWrapText(true);
            l.getStyleClass().addAll("guide-phase", "guide-" + p.kind().name().toLowerCase(Locale.ROOT));
            l.setMinHeight(Region.USE_PREF_SIZE);
            lines.add(l);
            root.getChildren().add(l);
        }
        for (int i = 0; i < phases.size(); i++) {
            int at = i;
            timeline.getKeyFrames().add(new KeyFrame(PHASE_TIME.multiply(i), e -> showUpTo(at)));
        }
    }

    private static String label(Phase p) {
        return switch (p.kind()) {
            case PROPOSE -> "① " + p.actor() + " proposes";
            case REVIEW -> "② " + p.actor() + " reviews";
            case VERIFY -> "③ the target verifies";
            case ROLLBACK -> "④ rollback";
            case RESULT -> "④ result";
        } + " —";
    }

    /** The panel. */
    public VBox node() {
        return root;
    }

    /** The phases told. */
    public List<Phase> phases() {
        return phases;
    }

    /** Plays the step from its first phase. */
    public void play() {
        timeline.stop();
        showUpTo(-1);
        timeline.playFromStart();
    }

    /** Stops playing (the panel is being replaced). */
    public void stop() {
        timeline.stop();
    }

    /** Shows phases 0..{@code last}, the last one current, and lights up its review. */
    public void showUpTo(int last) {
        if (last == phases.size() - 1) {
            timeline.stop();
        }
        current = last;
        for (int i = 0; i < lines.size(); i++) {
            Label l = lines.get(i);
            l.setVisible(i <= last);
            l.setManaged(i <= last);
            l.getStyleClass().remove("guide-current");
            if (i == last) {
                l.getStyleClass().add("guide-current");
            }
        }
        cascade.lookupAll(".review-box").forEach(n -> n.getStyleClass().remove("review-active"));
        if (last >= 0) {
            Node box = cascade.lookup("#review-" + phases.get(last).reviewId());
            if (box != null) {
                box.getStyleClass().add("review-active");
            }
        }
    }

    /** Index of the current phase (-1 before the first). */
    public int current() {
        return current;
    }
}

package io.cascadelab.ui.race;

import io.cascadelab.race.LaneTimeline;
import io.cascadelab.race.Race;
import io.cascadelab.race.RaceLane;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.ui.TokenNodes;
import io.cascadelab.ui.model.StepView;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.model.TokenItem;
import io.cascadelab.ui.model.TokenViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One lane of the race: its name and figures, its model calls, and its tokens appearing as the
 * shared clock passes the end of the step that produced them, coloured by provenance as in the
 * main view; flagged when its greedy output differs from the AR lane's.
 */
final class LaneView extends VBox {

    private final RaceLane lane;
    private final String finished;
    private final LaneTimeline timeline;
    private final List<StepView> steps = new ArrayList<>();
    private final Label figures = new Label();
    private final Label flag = new Label();
    private final TextFlow tokens = new TextFlow();
    private final ScrollPane scroll = new ScrollPane(tokens);
    private final CallTimeline calls;
    private final int difference;
    private final List<Text> ghosts = new ArrayList<>();
    private int shownSteps;
    private int shownTokens;
    private boolean showGhosts = true;

    LaneView(RaceLane lane, Race race, TokenDecoder decoder) {
        this.lane = lane;
        this.finished = finished(race, lane);
        this.timeline = lane.timeline();
        this.difference = race.firstDifference(lane);
        TokenViewModel vm = TokenViewModel.forTrace(decoder, lane.trace().header());
        for (StepEvent ev : lane.trace().steps()) {
            steps.add(vm.toView(ev));
        }
        getStyleClass().add("race-lane");
        Label title = new Label(lane.label());
        title.getStyleClass().add("race-lane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        figures.getStyleClass().add("race-lane-figures");
        flag.getStyleClass().add("race-lane-flag");
        flag.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, flag);
        figures.setWrapText(true); // every drafter's AR: a narrow window wraps them, never cuts them
        figures.setMinHeight(Region.USE_PREF_SIZE);
        calls = new CallTimeline(timeline, race.end());
        calls.widthProperty().bind(widthProperty().subtract(12));
        tokens.getStyleClass().add("race-lane-tokens");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(64);
        scroll.getStyleClass().add("race-lane-scroll");
        getChildren().addAll(head, figures, calls, scroll);
        if (difference >= 0) {
            int[] t = lane.tokens();
            String token = difference < t.length ? decoder.decode(new int[] {t[difference]}) : "(ended early)";
            flag.setText("⚠ differs from AR at token " + difference + " (" + token.replace("\n", "⏎") + ")");
            getStyleClass().add("race-lane-differs");
        } else if (!lane.isAr() && race.greedy() && race.ar().isPresent()) {
            flag.setText("✓ identical to AR");
        } else if (!race.greedy() && !lane.isAr()) {
            flag.setText("sampled (same seed): outputs may differ");
        }
        showAt(0);
    }

    RaceLane lane() {
        return lane;
    }

    /** The lane's figures line (for tests and tools). */
    String figuresText() {
        return figures.getText();
    }

    /** The difference flag (empty when none). */
    String flagText() {
        return flag.getText();
    }

    /** Shows the lane as it stood at {@code t} on the shared clock. */
    void showAt(long t) {
        int n = timeline.stepsAt(t);
        if (n < shownSteps) { // scrubbed back: start over
            tokens.getChildren().clear();
            ghosts.clear();
            shownSteps = 0;
            shownTokens = 0;
        }
        if (n > shownSteps) {
            List<Text> added = new ArrayList<>();
            for (int s = shownSteps; s < n; s++) {
                for (TokenItem item : steps.get(s).items()) {
                    Text node = TokenNodes.of(item, item.text().replace("\t", "    "));
                    if (item.ghost()) {
                        TokenNodes.show(node, showGhosts);
                        ghosts.add(node);
                    } else if (shownTokens++ == difference) {
                        node.getStyleClass().add("first-difference");
                    }
                    added.add(node);
                }
            }
            tokens.getChildren().addAll(added);
            shownSteps = n;
            scroll.setVvalue(1);
        }
        calls.redraw(t);
        figures.setText(figures(t));
    }

    private String figures(long t) {
        return t < timeline.end() ? String.format(Locale.ROOT, "%d tokens · %.2f s", timeline.tokensAt(t), t / 1e9)
                : finished;
    }

    /** The figures line of the finished lane. */
    private static String finished(Race race, RaceLane lane) {
        Race.Figures f = race.figures(lane);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d tokens · %.2f s · %.1f tok/s", f.tokens(),
                f.seconds(), f.tokensPerSecond()));
        if (!Double.isNaN(f.speedup())) {
            b.append(String.format(Locale.ROOT, " · %.2f× AR", f.speedup()));
        }
        b.append(String.format(Locale.ROOT, " · AL %.2f", f.acceptedLength()));
        f.acceptanceRate().forEach((who, r) -> b.append(String.format(Locale.ROOT, " · AR(%s) %.2f", who, r)));
        return b.toString();
    }

    /** Shows or hides the rejected drafts (struck through) among the tokens. */
    void setShowGhosts(boolean on) {
        showGhosts = on;
        ghosts.forEach(g -> TokenNodes.show(g, on));
    }
}

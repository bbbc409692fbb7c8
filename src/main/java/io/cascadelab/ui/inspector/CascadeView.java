package io.cascadelab.ui.inspector;

import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.ui.model.Provenance;
import io.cascadelab.ui.model.ReviewNode;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.model.TooltipText;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * Draws a step's review tree: each review is a box with its drafted tokens (accepted ✓, rejected
 * ✗, untested ·) and its own token; below it, side by side, the horizontal segments of its draft,
 * each holding the lower-level reviews that drafted it (the vertical cascade).
 */
public final class CascadeView {

    private CascadeView() {
    }

    /** The box of {@code node} and everything below it. */
    public static Node of(ReviewNode node, TokenDecoder decoder) {
        ReviewRecord r = node.review();
        VBox box = new VBox();
        box.getStyleClass().addAll("review-box", "review-level-" + Math.min(r.level(), 4));
        box.setId("review-" + r.id()); // the guided step-through lights up the review it explains
        Label title = new Label(title(r));
        title.getStyleClass().add("review-title");
        box.getChildren().add(title);
        box.getChildren().add(chips(r, decoder));
        if (!node.segments().isEmpty()) {
            HBox segments = new HBox();
            segments.getStyleClass().add("review-segments");
            for (List<ReviewNode> seg : node.segments()) {
                VBox column = new VBox();
                column.getStyleClass().add("review-segment");
                Label head = new Label("segment " + (seg.get(0).review().segment() + 1));
                head.getStyleClass().add("segment-title");
                column.getChildren().add(head);
                for (ReviewNode child : seg) {
                    column.getChildren().add(of(child, decoder));
                }
                segments.getChildren().add(column);
            }
            box.getChildren().add(segments);
        }
        return box;
    }

    private static String title(ReviewRecord r) {
        int tested = r.verdicts().size();
        String outcome = r.accepted() + " of " + r.drafted().length + " accepted"
                + (tested > r.accepted() ? ", rejected at draft position " + (r.accepted() + 1) : "")
                + (r.bonus() ? ", + bonus" : ", + correction");
        return String.format(Locale.ROOT, "%s (level %d) reviews %d drafted tokens: %s%s", r.reviewer(), r.level(),
                r.drafted().length, outcome, r.lenience() > 1 ? String.format(Locale.ROOT, ", lenience %.1f", r.lenience()) : "");
    }

    private static Node chips(ReviewRecord r, TokenDecoder decoder) {
        FlowPane row = new FlowPane();
        row.getStyleClass().add("chip-row");
        int[] drafted = r.drafted();
        for (int j = 0; j < drafted.length; j++) {
            boolean accepted = j < r.accepted();
            boolean tested = j < r.verdicts().size();
            String mark = accepted ? "✓ " : tested ? "✗ " : "· ";
            Label chip = new Label(mark + TooltipText.visible(decoder.decode(new int[] {drafted[j]})));
            Provenance p = Provenance.of(r.origins().get(j));
            chip.getStyleClass().addAll("chip", p.styleClass(), accepted ? "chip-accepted" : tested ? "chip-rejected" : "chip-untested");
            StringBuilder tip = new StringBuilder(p.label()).append(" → ").append(r.reviewer());
            if (tested) {
                var v = r.verdicts().get(j);
                tip.append(String.format(Locale.ROOT, "\np=%.3f q=%.3f → %s", v.p(), v.q(), v.accepted() ? "accepted" : "rejected"));
            } else {
                tip.append("\nnot tested (after a rejection)");
            }
            Tooltip.install(chip, new Tooltip(tip.toString()));
            row.getChildren().add(chip);
        }
        if (r.extraToken() >= 0) {
            Label extra = new Label((r.bonus() ? "+ " : "↺ ") + TooltipText.visible(decoder.decode(new int[] {r.extraToken()})));
            extra.getStyleClass().addAll("chip", "chip-extra", r.level() == 0 ? (r.bonus() ? "prov-bonus" : "prov-correction")
                    : "prov-draft-" + Math.min(r.level(), 4));
            Tooltip.install(extra, new Tooltip(r.reviewer() + (r.bonus() ? " bonus token" : " correction")));
            row.getChildren().add(extra);
        }
        return row;
    }
}

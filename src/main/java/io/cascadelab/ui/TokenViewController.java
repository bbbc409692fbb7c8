package io.cascadelab.ui;

import io.cascadelab.ui.model.CopySpan;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.Provenance;
import io.cascadelab.ui.model.StepView;
import io.cascadelab.ui.model.TokenItem;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The token view: the prompt (or an encoder-decoder's encoder input, captioned, with the output
 * captioned apart from it), then one group per target step whose tokens are coloured by
 * provenance, with rejected drafts struck through where they were rejected. Built incrementally
 * (appending groups to the last paragraph), never rebuilt per step; a paragraph ends at a newline,
 * so layout work stays local to the paragraph being written.
 */
public final class TokenViewController {

    /** Steps per paragraph before a new one starts anyway (bounds the cost of one layout pass). */
    private static final int MAX_GROUPS_PER_PARAGRAPH = 150;

    @FXML private VBox tokenPane;
    @FXML private FlowPane legend;
    @FXML private ScrollPane tokenScroll;
    @FXML private VBox paragraphs;
    @FXML private VBox welcomePane;
    @FXML private Label familyHint;
    @FXML private CheckBox hideGhostsCheck;

    private final List<Text> promptNodes = new ArrayList<>();
    private final List<Text> generatedNodes = new ArrayList<>();
    private final List<TextFlow> groups = new ArrayList<>();
    private final List<Text> highlighted = new ArrayList<>();
    private final List<Text> ghostNodes = new ArrayList<>();
    private FlowPane paragraph;
    private int groupsInParagraph;
    private IntConsumer onStepSelected = step -> { };
    private TextFlow selected;
    private Text difference;
    private List<Provenance> legendShown = List.of();

    @FXML
    private void initialize() {
        tokenScroll.setVisible(false);
        hideGhostsCheck.selectedProperty().addListener((o, a, hide) -> ghostNodes.forEach(g -> TokenNodes.show(g, !hide)));
    }

    /** Rejected drafts shown, those hidden by Hide rejected not counted (for tests). */
    public long visibleRejected() {
        return ghostNodes.stream().filter(Node::isVisible).count();
    }

    /** Called with a step number when the user clicks that step's tokens. */
    public void setOnStepSelected(IntConsumer c) {
        onStepSelected = c;
    }

    public void setHint(String text) {
        familyHint.setText(text);
    }

    /** Empties the view (the welcome text comes back). */
    public void clear() {
        paragraphs.getChildren().clear();
        promptNodes.clear();
        generatedNodes.clear();
        groups.clear();
        highlighted.clear();
        ghostNodes.clear();
        legend.getChildren().clear();
        legendShown = List.of();
        paragraph = null;
        selected = null;
        difference = null;
        tokenScroll.setVisible(false);
        welcomePane.setVisible(true);
    }

    /** Starts a run's output with its prompt (one node per token, so long prompt lines wrap). */
    public void showPrompt(PromptView prompt) {
        clear();
        welcomePane.setVisible(false);
        tokenScroll.setVisible(true);
        caption(prompt.caption());
        newParagraph();
        for (TokenItem t : prompt.tokens()) {
            Text node = text(t);
            promptNodes.add(node);
            paragraph.getChildren().add(node);
            if (t.text().contains("\n")) {
                newParagraph();
            }
        }
        caption(prompt.outputCaption());
        newParagraph();
    }

    /** A heading line among the paragraphs (none for null). */
    private void caption(String text) {
        if (text != null) {
            Label l = new Label(text);
            l.setWrapText(true); // a narrow output pane (the inspector open on a laptop) must not cut it off
            l.getStyleClass().add("token-caption");
            paragraphs.getChildren().add(l);
        }
    }

    /** Appends one step's group. */
    public void append(StepView step) {
        boolean atBottom = tokenScroll.getVvalue() >= tokenScroll.getVmax() - 0.02 || groups.size() < 2;
        TextFlow group = new TextFlow();
        group.getStyleClass().add("step-group");
        if (step.drafted() > 0) {
            group.getStyleClass().add("step-drafted");
        }
        int stepNo = step.step();
        group.setOnMouseClicked(e -> onStepSelected.accept(stepNo));
        boolean newline = false;
        for (TokenItem t : step.items()) {
            Text node = text(t);
            group.getChildren().add(node);
            if (!t.ghost()) {
                generatedNodes.add(node);
                newline |= t.text().contains("\n");
            }
        }
        // a step's group never changes but for a highlight: kept as a bitmap, scrolling the view repaints
        // images rather than every glyph (software rendering paints text slowly)
        group.setCache(true);
        groups.add(group);
        paragraph.getChildren().add(group);
        if (newline || ++groupsInParagraph >= MAX_GROUPS_PER_PARAGRAPH) {
            newParagraph();
        }
        if (atBottom) {
            tokenScroll.setVvalue(tokenScroll.getVmax());
        }
    }

    /** Shows the legend for the provenances seen. */
    public void setLegend(List<Provenance> entries) {
        if (entries.equals(legendShown)) {
            return; // rebuilding it on every update would cost CSS, layout and a repaint per frame
        }
        legendShown = List.copyOf(entries);
        legend.getChildren().clear();
        for (Provenance p : entries) {
            Label l = new Label(p.label());
            l.getStyleClass().addAll("legend-entry", p.styleClass());
            legend.getChildren().add(l);
        }
        Label ghost = new Label("rejected draft");
        ghost.getStyleClass().addAll("legend-entry", "legend-ghost");
        legend.getChildren().add(ghost);
    }

    /** Marks the step as the one shown in the inspector. */
    public void select(int step) {
        if (selected != null) {
            selected.getStyleClass().remove("step-selected");
        }
        selected = step >= 0 && step < groups.size() ? groups.get(step) : null;
        if (selected != null) {
            selected.getStyleClass().add("step-selected");
        }
    }

    /** Highlights the first generated token that differs from the baseline (or clears it for -1). */
    public void markDifference(int index) {
        if (difference != null) {
            difference.getStyleClass().remove("first-difference");
            difference = null;
        }
        if (index >= 0 && index < generatedNodes.size()) {
            difference = generatedNodes.get(index);
            difference.getStyleClass().add("first-difference");
        }
    }

    /** The node holding the output, for the PNG export. */
    public Node content() {
        return paragraphs;
    }

    public int stepCount() {
        return groups.size();
    }

    private void newParagraph() {
        paragraph = new FlowPane();
        paragraph.getStyleClass().add("token-paragraph");
        paragraphs.getChildren().add(paragraph);
        groupsInParagraph = 0;
    }

    private Text text(TokenItem t) {
        Text node = TokenNodes.of(t, display(t.text()));
        if (t.ghost()) {
            ghostNodes.add(node);
            if (hideGhostsCheck.isSelected()) {
                TokenNodes.show(node, false);
            }
        }
        // the tooltip is made on first hover: thousands of eager Tooltip objects cost frames during a run
        node.setOnMouseEntered(e -> {
            if (!node.getProperties().containsKey(Tooltip.class)) {
                Tooltip tip = tooltip(t.tooltip());
                node.getProperties().put(Tooltip.class, tip);
                Tooltip.install(node, tip);
            }
            if (t.copy() != null) {
                highlight(t.copy());
            }
        });
        if (t.copy() != null) {
            node.setOnMouseExited(e -> unhighlight());
        }
        return node;
    }

    /** Highlights the span a copying drafter's token was copied from, in the input, the output or across both. */
    void highlight(CopySpan span) {
        unhighlight();
        for (int i = span.start(); i <= span.endInclusive(); i++) {
            int out = i - promptNodes.size();
            Text t = out < 0 ? promptNodes.get(i) : out < generatedNodes.size() ? generatedNodes.get(out) : null;
            if (t != null) {
                t.getStyleClass().add("copy-source");
                highlighted.add(t);
            }
        }
    }

    void unhighlight() {
        highlighted.forEach(t -> t.getStyleClass().remove("copy-source"));
        highlighted.clear();
    }

    private static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(250));
        t.setShowDuration(Duration.seconds(30));
        t.getStyleClass().add("token-tooltip");
        return t;
    }

    /** Newlines end a paragraph, so inside a group they show as a return sign; tabs as spaces. */
    private static String display(String text) {
        return text.replace("\n", "⏎").replace("\t", "    ");
    }
}

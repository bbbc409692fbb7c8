package io.cascadelab.ui.teach;

import io.cascadelab.sim.SimSettings;
import io.cascadelab.sim.SimSweep;
import io.cascadelab.sim.StandIn;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The simulator's settings: depth, each stand-in drafter's acceptance by position and cost, k, lenience, length, seed. */
final class SimulatorForm {

    private static final String[][] DEFAULTS = { // name, acceptance by position, cost ÷ target
        {"draft-mid", "0.85, 0.8, 0.75", "0.15"},
        {"draft-small", "0.75, 0.7, 0.65", "0.06"},
        {"MaG", "0.6, 0.5, 0.4", "0"}};

    private final GridPane grid = new GridPane();
    private final ChoiceBox<Integer> depth = new ChoiceBox<>();
    private final List<TextField> acceptance = new ArrayList<>();
    private final List<TextField> cost = new ArrayList<>();
    private final List<Node[]> rows = new ArrayList<>();
    private final Slider k;
    private final Slider lenience = new Slider(1, 5, 2);
    private final TextField tokens = new TextField("3000");
    private final TextField seed = new TextField("1");

    /** A form whose k slider goes up to {@code kMax}; {@code changed} runs when depth, k or lenience settle. */
    SimulatorForm(int kMax, Runnable changed) {
        k = new Slider(1, kMax, 6);
        depth.getItems().addAll(1, 2, 3);
        depth.setValue(3);
        depth.setId("simDepth");
        grid.getStyleClass().add("doctor-grid");
        grid.addRow(0, new Label("Cascade depth"), depth, new Label("1 = speculative decoding with Max-Gram"));
        grid.addRow(1, new Label("drafter"), new Label("acceptance by draft position"), new Label("cost ÷ target"));
        for (int i = 0; i < DEFAULTS.length; i++) {
            TextField a = new TextField(DEFAULTS[i][1]);
            a.setId("simAcceptance" + i);
            TextField c = new TextField(DEFAULTS[i][2]);
            c.setDisable(i == DEFAULTS.length - 1); // Max-Gram is free by definition (SWI)
            acceptance.add(a);
            cost.add(c);
            Label name = new Label(DEFAULTS[i][0]);
            rows.add(new Node[] {name, a, c});
            grid.addRow(2 + i, name, a, c);
        }
        configure(k, 1, "simK");
        configure(lenience, 0.5, "simLenience");
        grid.addRow(5, new Label("k (draft tokens per target step)"), k, valueLabel(k));
        grid.addRow(6, new Label("lenience (between draft levels)"), lenience, valueLabel(lenience));
        grid.addRow(7, new Label("tokens per run"), tokens);
        grid.addRow(8, new Label("seed"), seed);
        depth.valueProperty().addListener((o, a, b) -> {
            showRows();
            changed.run();
        });
        for (Slider s : List.of(k, lenience)) {
            s.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    changed.run();
                }
            });
        }
        showRows();
    }

    /** The form. */
    Node node() {
        return grid;
    }

    private static void configure(Slider s, double step, String id) {
        s.setMajorTickUnit(step);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.setBlockIncrement(step);
        s.setId(id);
        GridPane.setHgrow(s, Priority.ALWAYS);
    }

    private static Label valueLabel(Slider s) {
        Label l = new Label();
        l.textProperty().bind(s.valueProperty().asString(Locale.ROOT, "%.1f"));
        return l;
    }

    // depth d uses the d smallest rows above Max-Gram: d1 = draft-mid, d2 = draft-small, then Max-Gram
    private List<Integer> usedRows() {
        int d = depth.getValue();
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < d - 1; i++) {
            used.add(i);
        }
        used.add(DEFAULTS.length - 1);
        return used;
    }

    private void showRows() {
        List<Integer> used = usedRows();
        for (int i = 0; i < rows.size(); i++) {
            for (Node n : rows.get(i)) {
                n.setVisible(used.contains(i));
                n.setManaged(used.contains(i));
            }
        }
    }

    /** The settings on screen; throws IllegalArgumentException with a message naming the bad field. */
    SimSettings settings() {
        List<StandIn> drafters = new ArrayList<>();
        for (int i : usedRows()) {
            String name = DEFAULTS[i][0];
            double c;
            try {
                c = i == DEFAULTS.length - 1 ? 0 : Double.parseDouble(cost.get(i).getText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": cost '" + cost.get(i).getText() + "' is not a number (e.g. 0.1)");
            }
            drafters.add(new StandIn(name, SimSweep.parseAcceptance(name, acceptance.get(i).getText()), c));
        }
        int n;
        long s;
        try {
            n = Integer.parseInt(tokens.getText().trim());
            s = Long.parseLong(seed.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tokens per run and seed must be whole numbers");
        }
        if (n > 200_000) {
            throw new IllegalArgumentException("at most 200,000 tokens per run");
        }
        return new SimSettings(drafters, (int) Math.round(k.getValue()), lenience.getValue(), n, s);
    }
}

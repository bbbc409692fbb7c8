package io.cascadelab.ui;

import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.KPolicy;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.MethodSpec.Method;
import io.cascadelab.decode.PaperPreset;
import io.cascadelab.ui.model.LoadedFamily;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Method panel: method, drafter, sliders for k, lenience and cascade depth, and the K matrix
 * (shown, and editable in the advanced pane). During a run, k and lenience feed the run's
 * {@link LiveSettings} (read by the decoding thread at every step); method and depth are fixed.
 */
public final class MethodController {

    /** The k policies offered (KPolicy.parse names). */
    static final List<String> POLICIES = List.of("static", "heuristic", "confidence:0.4", "goodput");

    @FXML private ChoiceBox<Method> methodChoice;
    @FXML private Label drafterLabel;
    @FXML private ChoiceBox<String> drafterChoice;
    @FXML private Label bottomLabel;
    @FXML private ChoiceBox<String> bottomChoice;
    @FXML private Label kLabel;
    @FXML private Slider kSlider;
    @FXML private Label lenienceLabel;
    @FXML private Slider lenienceSlider;
    @FXML private Label depthLabel;
    @FXML private Slider depthSlider;
    @FXML private Label kMatrixView;
    @FXML private CheckBox customKCheck;
    @FXML private TextArea kMatrixText;
    @FXML private Button applyKButton;
    @FXML private Label kMatrixError;
    @FXML private ChoiceBox<String> policyChoice;
    @FXML private CheckBox fastPathCheck;
    @FXML private ChoiceBox<PaperPreset> presetChoice;
    @FXML private Button presetButton;

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final AtomicReference<LiveSettings> live = new AtomicReference<>();
    /** The method of the run in progress (its depth and levels are fixed), or null. */
    private MethodSpec runSpec;
    private KMatrix customK;

    @FXML
    private void initialize() {
        methodChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Method m) {
                return m == null ? "" : switch (m) {
                    case AR -> "AR — plain decoding";
                    case SD -> "SD — one drafter";
                    case CSD -> "CSD — cascade";
                    case SPEC -> "SPEC — MLP speculator";
                };
            }

            @Override
            public Method fromString(String s) {
                return null;
            }
        });
        methodChoice.getItems().setAll(Method.AR, Method.SD, Method.CSD);
        methodChoice.setValue(Method.CSD);
        policyChoice.getItems().setAll(POLICIES);
        policyChoice.setValue(POLICIES.get(0));
        policyChoice.disableProperty().bind(running.or(methodChoice.valueProperty().isEqualTo(Method.AR)));
        drafterChoice.getItems().setAll(MethodSpec.MAX_GRAM);
        drafterChoice.setValue(MethodSpec.MAX_GRAM);
        drafterChoice.setConverter(BottomChoices.converter());
        bottomChoice.getItems().setAll(BottomChoices.all());
        bottomChoice.setValue(MethodSpec.MAX_GRAM);
        bottomChoice.setConverter(BottomChoices.converter());
        bottomChoice.setTooltip(new Tooltip(BottomChoices.help()));
        // the statistical drafter(s) under the draft models (CSD) or after the speculator's heads (SPEC)
        var hasBottom = methodChoice.valueProperty().isEqualTo(Method.CSD).or(methodChoice.valueProperty().isEqualTo(Method.SPEC));
        bottomLabel.visibleProperty().bind(hasBottom);
        bottomChoice.visibleProperty().bind(hasBottom);
        bottomLabel.managedProperty().bind(hasBottom);
        bottomChoice.managedProperty().bind(hasBottom);
        bottomChoice.disableProperty().bind(running);
        drafterLabel.visibleProperty().bind(methodChoice.valueProperty().isEqualTo(Method.SD));
        drafterChoice.visibleProperty().bind(drafterLabel.visibleProperty());
        drafterLabel.managedProperty().bind(drafterLabel.visibleProperty());
        drafterChoice.managedProperty().bind(drafterLabel.visibleProperty());
        var isAr = methodChoice.valueProperty().isEqualTo(Method.AR);
        methodChoice.disableProperty().bind(running);
        drafterChoice.disableProperty().bind(running);
        kSlider.disableProperty().bind(isAr.or(customKCheck.selectedProperty()));
        lenienceSlider.disableProperty().bind(isAr);
        depthSlider.disableProperty().bind(running.or(methodChoice.valueProperty().isNotEqualTo(Method.CSD))
                .or(customKCheck.selectedProperty()));
        customKCheck.disableProperty().bind(running.or(isAr));
        // the fast path skips draft models, so it only means something for a cascade with them
        fastPathCheck.disableProperty().bind(running.or(methodChoice.valueProperty().isNotEqualTo(Method.CSD))
                .or(depthSlider.valueProperty().lessThan(2)));
        fastPathCheck.setTooltip(new Tooltip("When Max-Gram continues a copy whose suffix match is at least "
                + CopyFastPath.DEFAULT.minMatch() + " tokens long, the target reviews up to " + CopyFastPath.DEFAULT.maxTokens()
                + " copied tokens directly and the draft models sit the step out. Output is unchanged;"
                + " untick it to run the paper's cascade exactly. Applies at the next run."));
        presetChoice.getItems().setAll(PaperPreset.values());
        presetChoice.setValue(PaperPreset.FLAN_T5);
        presetChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(PaperPreset p) {
                return p == null ? "" : p.label();
            }

            @Override
            public PaperPreset fromString(String s) {
                return null;
            }
        });
        presetChoice.setTooltip(new Tooltip("The CS Drafting paper's settings as its reference code runs them: CSD with"
                + " that K matrix (draft models largest first, Max-Gram last) and lenience, fast path off."));
        presetChoice.disableProperty().bind(running);
        presetButton.disableProperty().bind(running);
        kMatrixText.disableProperty().bind(isAr);
        applyKButton.disableProperty().bind(isAr);
        kLabel.textProperty().bind(Bindings.format("k = %d draft tokens per target step", kSlider.valueProperty().asObject().map(Double::intValue)));
        lenienceLabel.textProperty().bind(Bindings.format(Locale.ROOT, "lenience = %.1f", lenienceSlider.valueProperty()));
        depthLabel.textProperty().bind(Bindings.format("cascade depth = %d (Max-Gram included)",
                depthSlider.valueProperty().asObject().map(Double::intValue)));
        methodChoice.valueProperty().addListener((o, a, b) -> changed());
        drafterChoice.valueProperty().addListener((o, a, b) -> changed());
        bottomChoice.valueProperty().addListener((o, a, b) -> changed());
        kSlider.valueProperty().addListener((o, a, b) -> changed());
        lenienceSlider.valueProperty().addListener((o, a, b) -> changed());
        depthSlider.valueProperty().addListener((o, a, b) -> changed());
        customKCheck.selectedProperty().addListener((o, a, b) -> changed());
        changed();
    }

    /** Offers the methods and drafters {@code f} supports. */
    public void setFamily(LoadedFamily f) {
        List<Method> methods = new ArrayList<>(List.of(Method.AR, Method.SD, Method.CSD));
        if (f.family().speculator() != null) {
            methods.add(Method.SPEC);
        }
        Method before = methodChoice.getValue();
        methodChoice.getItems().setAll(methods);
        List<String> drafters = new ArrayList<>();
        f.family().drafts().forEach(d -> drafters.add(d.name()));
        drafters.addAll(BottomChoices.singles(f.family()));
        drafterChoice.getItems().setAll(drafters);
        drafterChoice.setValue(drafters.get(0));
        depthSlider.setMax(f.family().drafts().size() + 1);
        depthSlider.setValue(depthSlider.getMax());
        methodChoice.setValue(methods.contains(before) ? before : Method.CSD);
        changed();
    }

    /** Selects a method (for tools and tests). */
    public void select(Method m, int k) {
        methodChoice.setValue(m);
        kSlider.setValue(k);
    }

    /**
     * Sets every control to {@code spec} (a tuning-lab cell clicked); refused during a run. A k
     * beyond the slider's range is clamped to it.
     */
    public void apply(MethodSpec spec) {
        if (running.get()) {
            throw new IllegalStateException("A run is in progress: stop it before loading another configuration.");
        }
        if (!methodChoice.getItems().contains(spec.method())) {
            throw new IllegalArgumentException("The loaded family offers no " + spec.method() + " method.");
        }
        methodChoice.setValue(spec.method());
        if (spec.sdDrafter() != null && drafterChoice.getItems().contains(spec.sdDrafter())) {
            drafterChoice.setValue(spec.sdDrafter());
        }
        depthSlider.setValue(spec.depth());
        if (!bottomChoice.getItems().contains(spec.bottom())) {
            bottomChoice.getItems().add(spec.bottom());
        }
        bottomChoice.setValue(spec.bottom());
        fastPathCheck.setSelected(spec.fastPath().enabled());
        kSlider.setValue(spec.k());
        lenienceSlider.setValue(spec.lenience());
        String policy = spec.policy().label();
        if (!policyChoice.getItems().contains(policy)) {
            policyChoice.getItems().add(policy);
        }
        policyChoice.setValue(policy);
        if (spec.kOverride() != null) {
            customK = spec.kOverride();
            kMatrixText.setText(grid(customK));
            customKCheck.setSelected(true);
        } else {
            customKCheck.setSelected(false);
        }
        changed();
    }

    /** The method as set; the exception's message says what is inconsistent. */
    public MethodSpec spec() {
        MethodSpec s = new MethodSpec(methodChoice.getValue(), k(), lenienceSlider.getValue(), (int) depthSlider.getValue(),
                customKCheck.isSelected() ? customK : null, methodChoice.getValue() == Method.SD ? drafterChoice.getValue() : null,
                false, fastPathCheck.isSelected() ? CopyFastPath.DEFAULT : CopyFastPath.OFF,
                KPolicy.parse(policyChoice.getValue()), bottomChoice.getValue());
        if (customKCheck.isSelected() && customK == null) {
            throw new IllegalArgumentException("The custom K matrix is not set: enter it and press Apply, or untick it.");
        }
        s.kMatrix(); // validates k against depth
        return s;
    }

    /** A run of {@code spec} starts: from now on k and lenience changes go to the run. */
    public Supplier<LiveSettings> beginRun(MethodSpec spec) {
        runSpec = spec;
        running.set(true);
        live.set(new LiveSettings(spec.kMatrix(), spec.lenience()));
        return live::get;
    }

    /** The run ended: method and depth can change again. */
    public void endRun() {
        runSpec = null;
        running.set(false);
        changed();
    }

    /** Sets the controls to the chosen paper preset; a family with too few draft models says so. */
    @FXML
    void usePreset() {
        PaperPreset p = presetChoice.getValue();
        if (p == null) {
            return;
        }
        int models = p.kMatrix().size() - 1;
        if (depthSlider.getMax() - 1 < models) {
            kMatrixError.setText(p.label() + " needs " + models + " draft model(s) over Max-Gram; the loaded family has "
                    + (int) (depthSlider.getMax() - 1) + ".");
            return;
        }
        apply(p.spec());
        kMatrixError.setText("");
    }

    @FXML
    void applyKMatrix() {
        try {
            KMatrix k = parseGrid(kMatrixText.getText());
            if (runSpec != null && runSpec.kMatrix() != null && k.size() != runSpec.kMatrix().size()) {
                throw new IllegalArgumentException("The running cascade has " + runSpec.kMatrix().size()
                        + " drafter levels; a " + k.size() + "×" + k.size() + " matrix applies at the next run.");
            }
            customK = k;
            kMatrixError.setText("");
            customKCheck.setSelected(true); // Apply means "use this matrix", also for the run in progress
            changed();
        } catch (IllegalArgumentException e) {
            kMatrixError.setText(e.getMessage());
        }
    }

    private int k() {
        return (int) Math.round(kSlider.getValue());
    }

    /** Recomputes the K matrix view and, during a run, the live settings. */
    private void changed() {
        if (methodChoice.getValue() == null) {
            return; // choices being replaced
        }
        try {
            KMatrix k;
            if (runSpec != null) {
                k = runSpec.withK(k()).withKOverride(customKCheck.isSelected() ? customK : null).kMatrix();
                live.set(new LiveSettings(k, lenienceSlider.getValue()));
            } else {
                k = spec().kMatrix();
            }
            kMatrixView.setText(k == null ? "plain decoding: no drafts" : format(k));
            if (!customKCheck.isSelected() && k != null) {
                kMatrixText.setText(grid(k));
            }
            kMatrixError.setText("");
        } catch (IllegalArgumentException e) {
            kMatrixError.setText(e.getMessage());
            kMatrixView.setText("K: " + e.getMessage());
        }
    }

    /** "K = 4 1 3" on the first row, the other rows aligned below. */
    static String format(KMatrix k) {
        StringBuilder b = new StringBuilder();
        int[][] inc = k.toIncrements();
        for (int r = 0; r < inc.length; r++) {
            b.append(r == 0 ? "K = " : "\n    ");
            for (int j = 0; j < inc[r].length; j++) {
                b.append(j == 0 ? "" : " ").append(String.format("%2d", inc[r][j]));
            }
        }
        return b.toString();
    }

    /** Rows on lines, entries separated by spaces (the editor's form). */
    static String grid(KMatrix k) {
        StringBuilder b = new StringBuilder();
        for (int[] row : k.toIncrements()) {
            b.append(b.length() == 0 ? "" : "\n");
            for (int j = 0; j < row.length; j++) {
                b.append(j == 0 ? "" : " ").append(row[j]);
            }
        }
        return b.toString();
    }

    /** Parses the editor's form (or anything {@link KMatrix#parse} reads). */
    static KMatrix parseGrid(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.strip().split("\\R")) {
            if (!line.isBlank()) {
                b.append(b.length() == 0 ? "" : ";").append(String.join(",", line.strip().split("[\\s,]+")));
            }
        }
        return KMatrix.parse(b.toString());
    }

    /** The names of drafters for SD (draft models, then "mag"). */
    List<String> drafterNames() {
        return List.copyOf(drafterChoice.getItems());
    }
}

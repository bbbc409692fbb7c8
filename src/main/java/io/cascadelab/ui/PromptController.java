package io.cascadelab.ui;

import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Prompt panel: prompt text, sample-prompt picker by category, length and sampling settings. */
public final class PromptController {

    /** What to decode and how to choose tokens. */
    public record PromptSettings(String text, int maxNewTokens, SamplingSettings sampling) {
    }

    @FXML private MenuButton samplePicker;
    @FXML private TextArea promptText;
    @FXML private Spinner<Integer> maxTokens;
    @FXML private CheckBox greedyCheck;
    @FXML private TextField seedField;
    @FXML private Spinner<Double> temperature;
    @FXML private Spinner<Double> topP;

    private List<PromptLibrary.Prompt> samples = List.of();

    @FXML
    private void initialize() {
        maxTokens.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4000, 120, 20));
        temperature.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 5, 0.8, 0.05));
        topP.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 1, 0.95, 0.05));
        temperature.disableProperty().bind(greedyCheck.selectedProperty());
        topP.disableProperty().bind(greedyCheck.selectedProperty());
        loadSamples();
    }

    private void loadSamples() {
        try {
            samples = PromptLibrary.load(AppPaths.samplePrompts());
        } catch (IOException e) {
            samplePicker.setText("No sample prompts");
            samplePicker.setDisable(true);
            return;
        }
        Map<String, Menu> byCategory = new LinkedHashMap<>();
        for (PromptLibrary.Prompt p : samples) {
            Menu m = byCategory.computeIfAbsent(p.category(), Menu::new);
            MenuItem item = new MenuItem(p.name());
            item.setOnAction(e -> promptText.setText(p.text()));
            m.getItems().add(item);
        }
        samplePicker.getItems().setAll(byCategory.values());
        if (!samples.isEmpty() && promptText.getText().isEmpty()) {
            promptText.setText(samples.get(0).text());
        }
    }

    /** The settings as entered; the message of the exception says what to fix. */
    public PromptSettings settings() {
        String text = promptText.getText();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The prompt is empty: type some text or pick a sample prompt.");
        }
        long seed;
        try {
            seed = Long.parseLong(seedField.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The seed must be a whole number, got '" + seedField.getText() + "'.");
        }
        commit(maxTokens);
        commit(temperature);
        commit(topP);
        SamplingSettings s = greedyCheck.isSelected()
                ? new SamplingSettings(true, 1.0, 0, 1.0, seed)
                : SamplingSettings.sampling(temperature.getValue(), 0, topP.getValue(), seed);
        return new PromptSettings(text, maxTokens.getValue(), s);
    }

    /** Puts {@code text} in the editor. */
    public void setPrompt(String text) {
        promptText.setText(text);
    }

    public void setMaxNewTokens(int n) {
        maxTokens.getValueFactory().setValue(n);
    }

    public void setGreedy(boolean greedy) {
        greedyCheck.setSelected(greedy);
    }

    /** The sample prompts found under sample-prompts/. */
    public List<PromptLibrary.Prompt> samples() {
        return samples;
    }

    // an edited but uncommitted spinner text would otherwise be ignored
    private static <T> void commit(Spinner<T> spinner) {
        if (spinner.isEditable()) {
            String typed = spinner.getEditor().getText();
            try {
                spinner.getValueFactory().setValue(spinner.getValueFactory().getConverter().fromString(typed));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + typed + "' is not a valid number.");
            }
        }
    }
}

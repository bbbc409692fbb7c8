package io.cascadelab.ui;

import io.cascadelab.chat.ChatMessage;
import io.cascadelab.chat.ChatTemplate;
import io.cascadelab.chat.ChatTemplateException;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The Prompt panel: prompt text, sample-prompt picker by category, length and sampling settings. */
public final class PromptController {

    /**
     * What to decode and how to choose tokens.
     *
     * @param chat the text is a rendered chat prompt: it holds its special tokens, so none are added
     */
    public record PromptSettings(String text, int maxNewTokens, SamplingSettings sampling, boolean chat) {

        public PromptSettings(String text, int maxNewTokens, SamplingSettings sampling) {
            this(text, maxNewTokens, sampling, false);
        }

        /** The prompt's ids; a rendered chat prompt already holds its special tokens (as apply_chat_template): none are added. */
        public int[] encode(io.cascadelab.model.TextTokenizer tokenizer) {
            if (tokenizer == null) {
                throw new IllegalArgumentException("the target has no tokenizer.json: cannot turn the prompt into tokens");
            }
            return tokenizer.encode(text, !chat);
        }
    }

    @FXML private MenuButton samplePicker;
    @FXML private TextArea promptText;
    @FXML private CheckBox chatCheck;
    @FXML private VBox chatBox;
    @FXML private TextField systemText;
    @FXML private TextArea userText;
    @FXML private Label chatStatus;
    @FXML private Spinner<Integer> maxTokens;
    @FXML private CheckBox greedyCheck;
    @FXML private TextField seedField;
    @FXML private Spinner<Double> temperature;
    @FXML private Spinner<Double> topP;

    private List<PromptLibrary.Prompt> samples = List.of();
    private Supplier<Path> targetDir = () -> null;

    @FXML
    private void initialize() {
        maxTokens.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4000, 120, 20));
        temperature.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 5, 0.8, 0.05));
        topP.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 1, 0.95, 0.05));
        temperature.disableProperty().bind(greedyCheck.selectedProperty());
        topP.disableProperty().bind(greedyCheck.selectedProperty());
        chatBox.visibleProperty().bind(chatCheck.selectedProperty());
        chatBox.managedProperty().bind(chatCheck.selectedProperty());
        loadSamples();
    }

    /** Where the loaded target lives (its chat template is read from there). */
    public void setTargetDir(Supplier<Path> dir) {
        targetDir = dir;
    }

    /** Renders the system and user messages with the target's chat template into the (editable) prompt. */
    @FXML
    public void renderChat() {
        Path dir = targetDir.get();
        if (dir == null) {
            chatStatus.setText("Load a model first: the chat template comes with it.");
            return;
        }
        try {
            Optional<ChatTemplate> t = ChatTemplate.load(dir);
            if (t.isEmpty()) {
                chatStatus.setText(ChatTemplate.missing(dir) + ". Untick Chat and type the prompt as plain text.");
                return;
            }
            List<ChatMessage> messages = new ArrayList<>();
            if (!systemText.getText().isBlank()) {
                messages.add(new ChatMessage("system", systemText.getText()));
            }
            messages.add(new ChatMessage("user", userText.getText()));
            promptText.setText(t.get().render(messages, true));
            chatStatus.setText("Rendered with " + t.get().file().getFileName() + "; the prompt below is what the model"
                    + " reads, special tokens included. Edit it freely.");
        } catch (ChatTemplateException e) {
            chatStatus.setText(e.getMessage());
        }
    }

    /** Switches chat mode on or off. */
    public void setChat(boolean on) {
        chatCheck.setSelected(on);
    }

    /** Fills the chat messages (the prompt is rendered by {@link #renderChat}). */
    public void setChatMessages(String system, String user) {
        systemText.setText(system);
        userText.setText(user);
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
        if (chatCheck.isSelected() && (promptText.getText() == null || promptText.getText().isBlank())) {
            renderChat();
        }
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
        return new PromptSettings(text, maxTokens.getValue(), s, chatCheck.isSelected());
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

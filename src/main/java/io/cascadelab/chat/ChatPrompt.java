package io.cascadelab.chat;

import io.cascadelab.model.LoadedModel;

import java.util.ArrayList;
import java.util.List;

/** A conversation rendered for a model: the text of its chat template and the ids of that text. */
public record ChatPrompt(String text, int[] ids) {

    /**
     * Renders a system message (may be null or blank) and a user message with {@code model}'s
     * chat template, ending with the assistant's turn header.
     *
     * @throws ChatTemplateException when the model has no template or the template refuses the messages
     */
    public static ChatPrompt of(LoadedModel model, String system, String user) {
        ChatTemplate t = ChatTemplate.load(model.dir()).orElseThrow(() -> new ChatTemplateException(
                ChatTemplate.missing(model.dir()) + "; give the prompt as plain text instead of a chat"));
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null && !system.isBlank()) {
            messages.add(new ChatMessage("system", system));
        }
        messages.add(new ChatMessage("user", user));
        String text = t.render(messages, true);
        // The template wrote the special tokens itself (BOS included): add none (as apply_chat_template).
        return new ChatPrompt(text, model.tokenizer().encode(text, false));
    }
}

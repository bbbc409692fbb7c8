package io.cascadelab.ui;

import io.cascadelab.ui.model.TokenItem;
import javafx.scene.Node;
import javafx.scene.text.Text;

/** Tokens as the output shows them (the main view and the race's lanes): one styled Text per token. */
public final class TokenNodes {

    private TokenNodes() {
    }

    /** {@code t} as {@code display}, coloured by its provenance; a rejected draft is struck through. */
    public static Text of(TokenItem t, String display) {
        Text node = new Text(display);
        node.getStyleClass().addAll("token", t.styleClass());
        if (t.ghost()) {
            node.getStyleClass().add(t.tested() ? "ghost" : "ghost-untested");
        }
        return node;
    }

    /** Shows or hides a token; a hidden one takes no room (for hiding rejected drafts). */
    public static void show(Node token, boolean on) {
        token.setVisible(on);
        token.setManaged(on);
    }
}

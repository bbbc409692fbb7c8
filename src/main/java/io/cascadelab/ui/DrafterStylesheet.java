package io.cascadelab.ui;

import io.cascadelab.decode.DrafterKinds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The provenance colours of every registered drafter kind as a stylesheet (a data: URL), added
 * after app.css: a new drafter brings its colours with it instead of editing the theme.
 */
public final class DrafterStylesheet {

    private DrafterStylesheet() {
    }

    /** The stylesheet's CSS text: token fill, legend and inspector-chip text for each style class. */
    static String css(Map<String, String> colours) {
        StringBuilder b = new StringBuilder();
        colours.forEach((style, colour) -> b.append(".token.").append(style).append(" { -fx-fill: ").append(colour).append("; }\n")
                .append(".legend-entry.").append(style).append(", .chip.").append(style)
                .append(" { -fx-text-fill: ").append(colour).append("; }\n"));
        return b.toString();
    }

    /** The stylesheet as a URL for {@code Scene.getStylesheets()}. */
    public static String url() {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(
                css(DrafterKinds.colours()).getBytes(StandardCharsets.UTF_8));
    }
}

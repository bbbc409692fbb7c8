package io.cascadelab.decode;

/** How a drafted token is shown: a CSS style class and the legend's words. */
public record DrafterStyle(String styleClass, String label) {
}

package io.cascadelab.decode;

import io.cascadelab.trace.TokenOrigin;

import java.util.Map;

/**
 * The draft-model kind: a family's smaller models. Their own tokens are reviewers' tokens
 * (coloured by cascade level); a level is made per model ({@link DraftModelLevel}).
 */
final class DraftModelKind implements DrafterKind {

    /** Colour slots for draft levels; deeper ones share the last slot. */
    static final int SLOTS = 4;

    @Override
    public String id() {
        return "model";
    }

    @Override
    public String label() {
        return "draft model";
    }

    @Override
    public Role role() {
        return Role.DRAFT_MODEL;
    }

    @Override
    public String help() {
        return "a smaller model of the family: it drafts alone, or reviews the drafts of the levels below it";
    }

    @Override
    public DrafterStyle style(TokenOrigin o) {
        return new DrafterStyle("prov-draft-" + Math.min(Math.max(o.level(), 1), SLOTS),
                o.source() + " (draft level " + o.level() + ")");
    }

    @Override
    public Map<String, String> colours() {
        return Map.of(); // level colours are the theme's (app.css)
    }

    @Override
    public String why(TokenOrigin first) {
        return "";
    }

    @Override
    public String detail(TokenOrigin origin) {
        return "";
    }

    @Override
    public LevelSpec level(ModelFamily family, MethodSpec method) {
        if (family.drafts().isEmpty()) {
            throw new IllegalArgumentException("the family has no draft model");
        }
        return new DraftModelLevel(family.drafts().get(0));
    }
}

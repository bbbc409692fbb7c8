package io.cascadelab.ui;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.ModelFamily;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The statistical drafters the Method panel offers, from the registered kinds: each alone, and each pair asked in turn. */
final class BottomChoices {

    private BottomChoices() {
    }

    /** The ids of the statistical kinds {@code family} can run. */
    static List<String> singles(ModelFamily family) {
        return statistical().stream().filter(k -> k.availableIn(family)).map(DrafterKind::id).toList();
    }

    /** Every single kind, then every ordered pair ("suffix+mag": the suffix drafter first, Max-Gram when it has nothing). */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        List<DrafterKind> ks = statistical();
        ks.forEach(k -> out.add(k.id()));
        for (DrafterKind a : ks) {
            for (DrafterKind b : ks) {
                if (a != b) {
                    out.add(a.id() + "+" + b.id());
                }
            }
        }
        return out;
    }

    /** One line per statistical kind, for the tooltip. */
    static String help() {
        return statistical().stream().map(k -> k.label() + ": " + k.help()).collect(Collectors.joining("\n"))
                + "\nA pair asks the first, and the second when the first has nothing to propose.";
    }

    /** Shows an id (or ids joined by '+') by its kinds' labels; any other value (a draft model's name) as it is. */
    static StringConverter<String> converter() {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                if (value == null) {
                    return "";
                }
                List<String> labels = new ArrayList<>();
                for (String id : value.split("\\+")) {
                    DrafterKind k = DrafterKinds.find(id);
                    if (k == null) {
                        return value;
                    }
                    labels.add(k.label());
                }
                return String.join(", then ", labels);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    private static List<DrafterKind> statistical() {
        return DrafterKinds.withRole(DrafterKind.Role.STATISTICAL);
    }
}

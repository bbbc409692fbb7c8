package io.cascadelab.race;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.PaperPreset;
import io.cascadelab.model.LoadedModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One lane of a race: a method and the name it is shown under.
 *
 * @param label  the lane's name ("AR", "SD draft-mid", "CSD A", …)
 * @param method what the lane runs
 */
public record LaneSpec(String label, MethodSpec method) {

    /** The plain-decoding lane every race is measured against. */
    public static LaneSpec ar() {
        return new LaneSpec("AR", MethodSpec.ar());
    }

    /**
     * The lanes a family can run with the given defaults: AR, SD with each draft model and each
     * statistical drafter, CSD with the defaults, and the MLP speculator when the family has one.
     */
    public static List<LaneSpec> available(ModelFamily family, MethodSpec csd) {
        List<LaneSpec> out = new ArrayList<>();
        out.add(ar());
        for (LoadedModel d : family.drafts()) {
            out.add(sd(d.name(), csd));
        }
        for (DrafterKind kind : DrafterKinds.withRole(DrafterKind.Role.STATISTICAL)) {
            out.add(sd(kind.id(), csd));
        }
        if (!family.drafts().isEmpty()) {
            out.add(new LaneSpec("CSD", csd));
        }
        if (family.speculator() != null) {
            out.add(new LaneSpec("MLP speculator", MethodSpec.speculator(csd.k(), false)));
        }
        return out;
    }

    private static LaneSpec sd(String drafter, MethodSpec base) {
        return new LaneSpec("SD " + drafter, new MethodSpec(MethodSpec.Method.SD, base.k(), base.lenience(), 1, null, drafter));
    }

    /**
     * Lanes from the command line's list, e.g. "ar,sd:draft-mid,csd,csd:k=8/l=3/d=2,spec,spec:tree":
     * sd takes a drafter name (a draft model or a statistical drafter's id; none: the family's default),
     * csd and spec take the defaults with '/'-separated overrides of k, l(enience) and d(epth), and csd
     * also a paper preset's name ("csd:flan-t5", {@link PaperPreset}).
     * Every lane is checked against {@code family} (its drafters exist) before anything runs.
     *
     * @throws IllegalArgumentException naming the item that cannot be read or run
     */
    public static List<LaneSpec> parse(String list, MethodSpec defaults, ModelFamily family) {
        List<LaneSpec> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? "" : item.substring(colon + 1).trim();
            LaneSpec lane = switch (name) {
                case "ar" -> ar();
                case "sd" -> sd(arg.isEmpty() ? new MethodSpec(MethodSpec.Method.SD, defaults.k(), defaults.lenience(), 1,
                        null, null).forFamily(family).sdDrafter() : arg, defaults); // none named: the family's default
                case "csd" -> new LaneSpec(arg.isEmpty() ? "CSD" : "CSD " + arg, overridden(defaults, arg, item));
                case "spec" -> new LaneSpec(arg.isEmpty() ? "MLP speculator" : "MLP speculator " + arg,
                        arg.equals("tree") ? MethodSpec.speculator(defaults.k(), true)
                                : MethodSpec.speculator(overridden(defaults, arg, item).k(), false));
                default -> throw new IllegalArgumentException("unknown race method '" + item
                        + "': use ar, sd[:drafter], csd[:k=N/l=L/d=D], csd:<paper preset: " + PaperPreset.ids()
                        + "> or spec[:tree]");
            };
            if (!labels.add(lane.label())) {
                throw new IllegalArgumentException("the race lists '" + item + "' twice");
            }
            try {
                lane.method().levels(family); // the drafters exist and fit the family
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("race method '" + item + "': " + e.getMessage(), e);
            }
            out.add(lane);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the race has no methods: give e.g. --methods ar,sd,csd");
        }
        return out;
    }

    /** {@code base} as CSD with "k=8/l=3/d=2"-style overrides. */
    private static MethodSpec overridden(MethodSpec base, String arg, String item) {
        if (PaperPreset.isPreset(arg)) {
            return PaperPreset.parse(arg).spec().withBottom(base.bottom());
        }
        // the defaults' own k-matrix (--k-matrix, --preset) holds until k or d is overridden
        MethodSpec m = new MethodSpec(MethodSpec.Method.CSD, base.k(), base.lenience(), base.depth(), base.kOverride(), null,
                false, base.fastPath(), base.policy(), base.bottom());
        if (arg.isEmpty() || arg.equals("tree")) {
            return m;
        }
        for (String part : arg.split("/")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("race method '" + item + "': '" + part + "' is not key=value"
                        + " (k=N, l=L or d=D)");
            }
            try {
                m = switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                    case "k" -> m.withK(Integer.parseInt(kv[1].trim()));
                    case "l" -> m.withLenience(Double.parseDouble(kv[1].trim()));
                    case "d" -> m.withDepth(Integer.parseInt(kv[1].trim())).withKOverride(null);
                    default -> throw new IllegalArgumentException("race method '" + item + "': unknown setting '"
                            + kv[0] + "' (k, l or d)");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("race method '" + item + "': '" + kv[1] + "' is not a number");
            }
        }
        return m;
    }
}

package io.cascadelab.tune;

import io.cascadelab.decode.MethodSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A two-axis sweep grid, e.g. rows {@code k=2,4,6} × columns {@code lenience=1,2,3}; every other
 * setting (method, drafters, policy, …) comes from the base method. Cells are ordered row-major.
 */
public record GridSpec(Axis rowAxis, List<String> rowValues, Axis colAxis, List<String> colValues) {

    public GridSpec {
        rowValues = List.copyOf(rowValues);
        colValues = List.copyOf(colValues);
    }

    /** Parses two axis specs such as "k=2,4,6" and "lenience=1,2,3". */
    public static GridSpec parse(String rows, String cols) {
        String[] r = split(rows, "rows");
        String[] c = split(cols, "columns");
        Axis ra = Axis.parse(r[0]);
        Axis ca = Axis.parse(c[0]);
        if (ra.equals(ca)) {
            throw new IllegalArgumentException("both grid axes are " + ra.name() + ": pick two different settings");
        }
        boolean mixesKAndEntry = ra.kind() == Axis.Kind.K && ca.kind() == Axis.Kind.K_ENTRY
                || ca.kind() == Axis.Kind.K && ra.kind() == Axis.Kind.K_ENTRY;
        boolean mixesDepthAndEntry = ra.kind() == Axis.Kind.DEPTH && ca.kind() == Axis.Kind.K_ENTRY
                || ca.kind() == Axis.Kind.DEPTH && ra.kind() == Axis.Kind.K_ENTRY;
        if (mixesKAndEntry || mixesDepthAndEntry) {
            throw new IllegalArgumentException("a k-matrix entry axis cannot be combined with k or depth "
                    + "(they rebuild the whole matrix): sweep two entries, or k with lenience or depth");
        }
        return new GridSpec(ra, values(ra, r[1]), ca, values(ca, c[1]));
    }

    private static String[] split(String spec, String which) {
        if (spec == null || !spec.contains("=")) {
            throw new IllegalArgumentException("grid " + which + " '" + spec + "' must look like axis=v1,v2,… "
                    + "e.g. k=2,4,6 or lenience=1,2,3");
        }
        int eq = spec.indexOf('=');
        return new String[] {spec.substring(0, eq).trim(), spec.substring(eq + 1).trim()};
    }

    private static List<String> values(Axis axis, String list) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : list.split(",")) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("grid axis " + axis.name() + " has an empty value in '" + list
                        + "': separate values with commas, e.g. 2,4,6");
            }
            axis.check(t);
            if (!out.add(t)) {
                throw new IllegalArgumentException("grid axis " + axis.name() + " lists " + t + " twice");
            }
        }
        return new ArrayList<>(out);
    }

    /** Number of cells. */
    public int size() {
        return rowValues.size() * colValues.size();
    }

    /** The cells in row-major order, each method built from {@code base}; a value that makes no valid method is named. */
    public List<GridCell> expand(MethodSpec base) {
        List<GridCell> out = new ArrayList<>();
        for (int r = 0; r < rowValues.size(); r++) {
            for (int c = 0; c < colValues.size(); c++) {
                String rv = rowValues.get(r);
                String cv = colValues.get(c);
                MethodSpec spec;
                try {
                    spec = colAxis.apply(rowAxis.apply(base, rv), cv);
                    spec.kMatrix(); // validates k against depth, and the edited matrix
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("grid cell " + rowAxis.name() + "=" + rv + ", " + colAxis.name()
                            + "=" + cv + " is not a valid " + base.method().name().toLowerCase(java.util.Locale.ROOT)
                            + " configuration: " + e.getMessage());
                }
                out.add(new GridCell(out.size(), r, c, rv, cv, spec));
            }
        }
        return out;
    }
}

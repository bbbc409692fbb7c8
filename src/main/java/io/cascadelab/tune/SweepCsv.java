package io.cascadelab.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A sweep as CSV: the header on the first line, then one row per configuration and prompt with
 * every measured figure (row = col = -1 for the default configuration) and the grid itself in the
 * last columns, so a file read back gives the same heat map, figures and recommendation. An
 * undefined figure is an empty field. Files of the older layout (a "# cascadelab sweep" line
 * first) are still read.
 */
public final class SweepCsv {

    static final String LEGACY_HEADER = "row,col,row_axis,row_value,col_axis,col_value,label,method,k,lenience,depth,"
            + "k_matrix,sd_drafter,policy,fast_path,category,prompt,decode_ns,tokens,steps,baseline_ns,baseline_tokens,"
            + "accepted,tested,swi_size,swi_measured,expected,identical,verify_ratio,drafter_share,overhead_share,late_alpha,"
            + "chosen_k,oracle_k";
    static final String HEADER = LEGACY_HEADER + ",row_values,col_values,cancelled";
    private static final String MAGIC = "# cascadelab sweep";
    private static final int LEGACY_FIELDS = LEGACY_HEADER.split(",").length;

    private SweepCsv() {
    }

    /** Writes {@code r} to {@code file}. */
    public static void write(SweepResult r, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(HEADER).append('\n');
        List<CellResult> all = new ArrayList<>();
        if (r.reference() != null) {
            all.add(r.reference());
        }
        all.addAll(r.cells());
        for (CellResult c : all) {
            for (PromptRun p : c.runs()) {
                CellConfig k = c.config();
                List<Object> f = List.of(c.row(), c.col(), r.rowAxis(), c.rowValue(), r.colAxis(), c.colValue(), c.label(),
                        k.method(), k.k(), k.lenience(), k.depth(), k.kMatrix(), k.sdDrafter(), k.policy(), k.fastPath(), p.category(),
                        p.prompt(), p.decodeNanos(), p.tokens(), p.steps(), p.baselineNanos(), p.baselineTokens(),
                        p.accepted(), p.tested(), p.swiSize(), p.swiMeasured(), p.expected(), p.identical(),
                        p.verifyRatio(), p.drafterShare(), p.overheadShare(), p.lateAlpha(), ints(p.chosenK()),
                        ints(p.oracleK()), String.join("|", r.rowValues()), String.join("|", r.colValues()),
                        r.cancelled());
                b.append(f.stream().map(SweepCsv::field).collect(Collectors.joining(","))).append('\n');
            }
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** Reads a file written by {@link #write}; a {@link SweepFileException} says what is wrong with it. */
    public static SweepResult read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepFileException(file, e.getMessage() == null ? "it cannot be read" : e.getMessage(), e);
        }
        boolean legacy = !lines.isEmpty() && lines.get(0).startsWith(MAGIC);
        int first = legacy ? 2 : 1;
        if (legacy ? lines.size() < 2 || !lines.get(1).equals(LEGACY_HEADER) : lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new SweepFileException(file, "it does not start with the CascadeLab sweep header", null);
        }
        int fields = legacy ? LEGACY_FIELDS : LEGACY_FIELDS + 3;
        String rowAxis;
        String colAxis;
        List<String> rowValues;
        List<String> colValues;
        boolean cancelled;
        try {
            if (legacy) {
                String[] grid = lines.get(0).split("; ");
                rowAxis = grid[1].substring(5, grid[1].indexOf('='));
                rowValues = Arrays.asList(grid[1].substring(grid[1].indexOf('=') + 1).split("\\|"));
                colAxis = grid[2].substring(5, grid[2].indexOf('='));
                colValues = Arrays.asList(grid[2].substring(grid[2].indexOf('=') + 1).split("\\|"));
                cancelled = Boolean.parseBoolean(grid[3].substring("cancelled=".length()));
            } else {
                if (lines.size() < 2) {
                    throw new SweepFileException(file, "it holds no runs", null);
                }
                List<String> f = parseLine(lines.get(1));
                rowAxis = f.get(2);
                colAxis = f.get(4);
                rowValues = Arrays.asList(f.get(LEGACY_FIELDS).split("\\|"));
                colValues = Arrays.asList(f.get(LEGACY_FIELDS + 1).split("\\|"));
                cancelled = Boolean.parseBoolean(f.get(LEGACY_FIELDS + 2));
            }
        } catch (RuntimeException e) {
            throw new SweepFileException(file, "line " + (legacy ? 1 : 2) + " does not describe the grid", e);
        }
        Map<String, List<PromptRun>> runs = new LinkedHashMap<>();
        Map<String, String[]> heads = new LinkedHashMap<>();
        for (int i = first; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = parseLine(lines.get(i));
            if (f.size() != fields) {
                throw new SweepFileException(file, "line " + (i + 1) + " has " + f.size() + " fields, expected " + fields, null);
            }
            try {
                String key = f.get(0) + "," + f.get(1);
                heads.putIfAbsent(key, f.subList(0, 15).toArray(new String[0]));
                runs.computeIfAbsent(key, x -> new ArrayList<>()).add(new PromptRun(f.get(15), f.get(16),
                        Long.parseLong(f.get(17)), Integer.parseInt(f.get(18)), Integer.parseInt(f.get(19)),
                        Long.parseLong(f.get(20)), Integer.parseInt(f.get(21)), Integer.parseInt(f.get(22)),
                        Integer.parseInt(f.get(23)), num(f.get(24)), num(f.get(25)), num(f.get(26)),
                        Integer.parseInt(f.get(27)), num(f.get(28)), num(f.get(29)), num(f.get(30)), num(f.get(31)),
                        parseInts(f.get(32)), parseInts(f.get(33))));
            } catch (NumberFormatException e) {
                throw new SweepFileException(file, "line " + (i + 1) + " has a value that is not a number (" + e.getMessage() + ")", e);
            }
        }
        CellResult reference = null;
        TreeMap<Integer, CellResult> cells = new TreeMap<>();
        for (Map.Entry<String, String[]> e : heads.entrySet()) {
            String[] h = e.getValue();
            CellResult c;
            try {
                c = new CellResult(Integer.parseInt(h[0]), Integer.parseInt(h[1]), h[3], h[5], h[6],
                        new CellConfig(h[7], Integer.parseInt(h[8]), Double.parseDouble(h[9]), Integer.parseInt(h[10]),
                                h[11], h[12], h[13], h[14]), runs.get(e.getKey()));
            } catch (NumberFormatException ex) {
                throw new SweepFileException(file, "configuration " + h[6] + " has a setting that is not a number", ex);
            }
            if (c.isDefault()) {
                reference = c;
            } else {
                cells.put(c.row() * colValues.size() + c.col(), c);
            }
        }
        return new SweepResult(rowAxis, rowValues, colAxis, colValues, new ArrayList<>(cells.values()), reference, cancelled);
    }

    private static String field(Object o) {
        String s = o instanceof Double d ? (!Double.isFinite(d) ? "" : String.format(Locale.ROOT, "%.6g", d)) : String.valueOf(o);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String ints(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    private static int[] parseInts(String s) {
        return s.isBlank() ? new int[0] : Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    /** An empty field is an undefined figure (older files wrote NaN). */
    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    // RFC 4180 fields: quoted fields may hold commas and doubled quotes
    static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}

package io.cascadelab.tune;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.SamplingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps on tiny models, greedy: one result per cell, cancel keeps finished cells, files round-trip. */
class SweepRunnerTest {

    private static final ModelFamily FAMILY = TinySweeps.family();
    private static final MethodSpec BASE = new MethodSpec(MethodSpec.Method.CSD, 4, 2, 3, null, null);

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        FAMILY.close();
    }

    private static SweepPlan plan(String rows, String cols) {
        return new SweepPlan(GridSpec.parse(rows, cols), BASE, TinySweeps.prompts(), SamplingSettings.GREEDY, 12, 0, 1);
    }

    @Test
    void a3x3SweepMeasuresEveryCellOnEveryPromptLosslessly() {
        SweepPlan plan = plan("k=2,3,4", "lenience=1,2,3");
        List<CellResult> seen = new ArrayList<>();
        AtomicInteger lastDone = new AtomicInteger();
        SweepResult r = new SweepRunner(FAMILY, plan, "cpu").run(new SweepListener() {
            @Override
            public void progress(SweepProgress p) {
                assertEquals(plan.totalRuns(), p.total());
                lastDone.set(p.done());
            }

            @Override
            public void cellFinished(CellResult cell) {
                seen.add(cell);
            }
        }, () -> false);
        assertFalse(r.cancelled());
        assertEquals(9, r.cells().size());
        assertEquals(plan.totalRuns(), lastDone.get());
        assertEquals(10, seen.size(), "the default and nine cells");
        assertTrue(seen.get(0).isDefault());
        for (int i = 0; i < 9; i++) {
            CellResult c = r.cells().get(i);
            assertEquals(i / 3, c.row());
            assertEquals(i % 3, c.col());
            assertEquals(3, c.runs().size());
            assertEquals(2 + i / 3, c.config().k());
            assertEquals(1 + i % 3, c.config().lenience(), 0);
            Figures f = c.figures();
            assertEquals(3, f.identical(), c.label() + " must reproduce the target's greedy output");
            assertTrue(f.acceptedLength() >= 1, c.label());
            assertTrue(f.speedup() > 0 && f.expected() > 0, c.label());
            for (PromptRun p : c.runs()) {
                assertEquals(p.steps(), p.chosenK().length);
                assertEquals(p.baselineTokens(), p.tokens());
            }
        }
        assertNotNull(r.reference());
        assertEquals(BASE.label(), r.reference().label());
        assertEquals(List.of("law", "poetry"), r.categories());
    }

    @Test
    void aCancelledSweepKeepsTheCellsFinishedBeforeTheCancel() {
        SweepPlan plan = plan("k=2,3", "lenience=1,2");
        AtomicInteger cells = new AtomicInteger();
        SweepResult r = new SweepRunner(FAMILY, plan, "cpu").run(new SweepListener() {
            @Override
            public void progress(SweepProgress p) {
            }

            @Override
            public void cellFinished(CellResult cell) {
                cells.incrementAndGet();
            }
        }, () -> cells.get() >= 3); // cancel once the default and two cells are done
        assertTrue(r.cancelled());
        assertEquals(2, r.cells().size());
        assertEquals(0, r.cells().get(0).col());
        assertEquals(1, r.cells().get(1).col());
        r.cells().forEach(c -> assertEquals(3, c.runs().size(), "finished cells are complete"));
    }

    @Test
    void csvAndJsonFilesGiveBackTheSameSweep() throws Exception {
        SweepResult r = new SweepRunner(FAMILY, plan("k=2,3", "depth=2,3"), "cpu").run(SweepListener.NONE, () -> false);
        Path csv = dir.resolve("s.csv");
        Path json = dir.resolve("s.json");
        SweepCsv.write(r, csv);
        SweepJson.write(r, json);
        for (SweepResult back : List.of(SweepJson.readAny(csv), SweepJson.readAny(json))) {
            assertEquals(r.rowAxis(), back.rowAxis());
            assertEquals(r.colValues(), back.colValues());
            assertEquals(r.cells().size(), back.cells().size());
            assertEquals(r.reference().label(), back.reference().label());
            for (int i = 0; i < r.cells().size(); i++) {
                CellResult a = r.cells().get(i);
                CellResult b = back.cells().get(i);
                assertEquals(a.label(), b.label());
                assertEquals(a.config(), b.config());
                assertEquals(a.config().toSpec().label(), b.config().toSpec().label());
                assertEquals(a.figures().speedup(), b.figures().speedup(), 1e-9);
                assertEquals(a.figures().expected(), b.figures().expected(), 1e-4 * a.figures().expected());
                assertArrayEquals(a.runs().get(0).oracleK(), b.runs().get(0).oracleK());
            }
        }
    }

    @Test
    void theCsvHeaderIsTheFirstLineAndUndefinedFiguresAreEmptyFields() throws Exception {
        SweepResult r = new SweepRunner(FAMILY, plan("k=2", "depth=2"), "cpu").run(SweepListener.NONE, () -> false);
        Path csv = dir.resolve("s.csv");
        SweepCsv.write(r, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SweepCsv.HEADER, lines.get(0), "a CSV reader takes the first line as the header");
        assertTrue(lines.stream().noneMatch(l -> l.contains("NaN")), String.join("\n", lines));
        Path json = dir.resolve("s.json");
        SweepJson.write(r, json);
        String text = Files.readString(json);
        assertTrue(!text.contains("NaN") && !text.contains("Infinity"), "strict JSON: " + text);
        com.google.gson.stream.JsonReader strict = new com.google.gson.stream.JsonReader(new java.io.StringReader(text));
        strict.setStrictness(com.google.gson.Strictness.STRICT);
        com.google.gson.JsonParser.parseReader(strict);
        // the older layout (a comment line, then the header; NaN for undefined figures) still reads
        StringBuilder legacy = new StringBuilder("# cascadelab sweep; rows k=2; cols depth=2; cancelled=false\n")
                .append(SweepCsv.LEGACY_HEADER).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = SweepCsv.parseLine(line);
            String row = line.substring(0, line.length() - (f.get(f.size() - 3) + "," + f.get(f.size() - 2) + ","
                    + f.get(f.size() - 1)).length() - 1);
            legacy.append(row.replace(",,", ",NaN,")).append('\n');
        }
        Path old = Files.writeString(dir.resolve("old.csv"), legacy.toString());
        SweepResult back = SweepJson.readAny(old);
        assertEquals(r.cells().size(), back.cells().size());
        assertEquals(r.rowValues(), back.rowValues());
    }

    @Test
    void unreadableFilesNameTheFileAndTheProblem() throws Exception {
        Path garbage = Files.writeString(dir.resolve("bad.csv"), "hello,world\n1,2\n");
        SweepFileException e = assertThrows(SweepFileException.class, () -> SweepJson.readAny(garbage));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("header"), e.getMessage());
        Path json = Files.writeString(dir.resolve("bad.json"), "{ not json");
        e = assertThrows(SweepFileException.class, () -> SweepJson.readAny(json));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        Path other = Files.writeString(dir.resolve("notes.txt"), "x");
        e = assertThrows(SweepFileException.class, () -> SweepJson.readAny(other));
        assertTrue(e.getMessage().contains(".csv nor .json"), e.getMessage());
        e = assertThrows(SweepFileException.class, () -> SweepJson.readAny(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    }

    @Test
    void aCellTheFamilyCannotRunIsRefusedBeforeAnyRun() {
        SweepPlan plan = plan("k=4", "depth=3,4"); // depth 4 needs three draft models; the family has two
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepRunner(FAMILY, plan, "cpu").run(SweepListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("depth 4"), e.getMessage());
    }
}

package io.cascadelab.ui;

import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import io.cascadelab.ui.model.StatsCsv;
import io.cascadelab.ui.model.StatsSnapshot;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** File exports: the trace (JSON Lines), the statistics (CSV), texts and PNG snapshots of nodes. */
public final class Exporter {

    private final Node owner;

    public Exporter(Node owner) {
        this.owner = owner;
    }

    void trace(Trace trace) {
        if (trace == null) {
            Dialogs.error(owner, "Nothing to export", "Finish (or stop) a run first; its trace is written when it ends.");
            return;
        }
        Path f = choose("Export trace", "trace.jsonl", "JSON Lines", "*.jsonl");
        if (f != null) {
            write(f, () -> TraceFile.write(f, trace));
        }
    }

    void statistics(StatsSnapshot s, String methodLabel) {
        if (s == null) {
            Dialogs.error(owner, "Nothing to export", "Run something first.");
            return;
        }
        Path f = choose("Export statistics", "statistics.csv", "CSV", "*.csv");
        if (f != null) {
            String csv = StatsCsv.of(s, methodLabel);
            write(f, () -> Files.writeString(f, csv, StandardCharsets.UTF_8));
        }
    }

    /** Asks where, then writes a PNG snapshot of {@code node}. */
    public void png(Node node, String name) {
        Path f = choose("Export PNG", name, "PNG image", "*.png");
        if (f != null) {
            try {
                savePng(node, f);
                exported(f);
            } catch (IOException e) {
                Dialogs.error(owner, "Cannot write " + f.getFileName(), e);
            }
        }
    }

    /** Asks where, then writes {@code text} (CSV, say). */
    public void text(String title, String name, String kind, String pattern, String text) {
        Path f = choose(title, name, kind, pattern);
        if (f != null) {
            write(f, () -> Files.writeString(f, text, StandardCharsets.UTF_8));
        }
    }

    /** A passing notification: the export worked. */
    private void exported(Path f) {
        Notifications.create().owner(owner.getScene().getWindow()).title("Exported").text(f.toString())
                .hideAfter(Duration.seconds(4)).showInformation();
    }

    /** Snapshot of {@code node} (on the FX thread) written as PNG. */
    static void savePng(Node node, Path file) throws IOException {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.web("#15181d"));
        WritableImage image = node.snapshot(p, null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void write(Path f, IoAction action) {
        try {
            action.run();
            exported(f);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(owner, "Cannot write " + f.getFileName(), e);
        }
    }

    private Path choose(String title, String name, String kind, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = c.showSaveDialog(owner.getScene().getWindow());
        return f == null ? null : f.toPath();
    }
}

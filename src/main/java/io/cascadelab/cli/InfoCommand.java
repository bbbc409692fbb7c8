package io.cascadelab.cli;

import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.EnvironmentReport;
import io.cascadelab.util.AppPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cascadelab info}: engine, device, DJL cache, offline flag and the embedded model family. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the engine, device, DJL cache folder, offline mode and the embedded model family.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EnvironmentReport r = EnvironmentReport.collect();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("engine:          %s (DJL %s)%n", r.engineLine(), r.djlVersion());
        out.printf("device:          %s (requested: %s; GPUs visible: %d)%n", r.device(), r.deviceRequest(), r.gpuCount());
        out.printf("compute dtype:   %s (--compute-dtype f32|f16)%n", ComputeDType.configured().label());
        out.printf("DJL cache dir:   %s%n", r.cacheDir());
        out.printf("offline:         %s%n", r.offline());
        out.printf("embedded family: %s (%s)%n", r.embeddedFamily(), EnvironmentReport.presence(r.familyPresent()));
        Path seq2seq = AppPaths.embeddedSeq2SeqFamily();
        out.printf("seq2seq family:  %s (%s)%n", seq2seq, EnvironmentReport.presence(EnvironmentReport.isPresent(seq2seq)));
        out.flush();
        return 0;
    }
}

package io.cascadelab;

import java.util.OptionalInt;

/** Entry point: no arguments opens the JavaFX explorer, any argument runs the headless CLI. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            OptionalInt windowJvm = io.cascadelab.ui.WindowJvm.relaunch(Launcher.class);
            if (windowJvm.isPresent()) {
                System.exit(windowJvm.getAsInt());
            }
            io.cascadelab.model.DjlEnvironment.init();
            io.cascadelab.ui.CascadeLabApp.launchApp(args);
        } else {
            io.cascadelab.model.DjlEnvironment.init();
            System.exit(io.cascadelab.cli.CascadeLabCli.run(args));
        }
    }
}

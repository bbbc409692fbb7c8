package io.cascadelab;

/** Entry point: no arguments opens the JavaFX explorer, any argument runs the headless CLI. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        io.cascadelab.model.DjlEnvironment.init();
        if (args.length == 0) {
            io.cascadelab.ui.CascadeLabApp.launchApp(args);
        } else {
            System.exit(io.cascadelab.cli.CascadeLabCli.run(args));
        }
    }
}

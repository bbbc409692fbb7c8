package io.cascadelab.ui;

import javafx.concurrent.Task;

/** Starts tasks on daemon threads, so model work never runs on the FX thread nor keeps the JVM alive. */
public final class Background {

    private Background() {
    }

    public static <T> Task<T> start(String name, Task<T> task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }
}

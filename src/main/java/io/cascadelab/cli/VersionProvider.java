package io.cascadelab.cli;

import ai.djl.engine.Engine;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the CascadeLab build version (from the filtered build.properties) and DJL's. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "CascadeLab " + buildVersion(),
            "DJL " + Engine.getDjlVersion() + ", Java " + System.getProperty("java.version"),
        };
    }

    static String buildVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/cascadelab/build.properties")) {
            if (in == null) {
                return "(development build)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(development build)");
        } catch (IOException e) {
            return "(development build)";
        }
    }
}

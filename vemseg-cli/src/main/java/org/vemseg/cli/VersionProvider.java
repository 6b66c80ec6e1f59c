package org.vemseg.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (set by the build). */
public final class VersionProvider implements IVersionProvider {

    /** The running vemseg version, or {@code "dev"} when run from classes. */
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vemseg " + version(), "Java " + System.getProperty("java.version")};
    }
}

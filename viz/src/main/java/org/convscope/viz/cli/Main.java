package org.convscope.viz.cli;

/** convscope's command line (placeholder until the CLI lands). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("convscope: command line under construction");
    }
}

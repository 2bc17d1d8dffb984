/** The consumer example, a named module: it sees only the packages convscope exports. */
module org.convscope.example.consumer {
    requires org.convscope.viz;
}

/** JMH benchmarks of convscope. */
package org.convscope.bench;

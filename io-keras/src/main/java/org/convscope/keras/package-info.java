/** Loading Keras models (.h5, .keras, .weights.h5). */
package org.convscope.keras;

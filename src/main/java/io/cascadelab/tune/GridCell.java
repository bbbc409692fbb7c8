package io.cascadelab.tune;

import io.cascadelab.decode.MethodSpec;

/** One cell of a sweep grid: its position (row-major index), the two axis values and the resulting method. */
public record GridCell(int index, int row, int col, String rowValue, String colValue, MethodSpec spec) {
}

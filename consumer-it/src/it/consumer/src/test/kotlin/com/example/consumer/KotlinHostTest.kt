package com.example.consumer

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.vmstate4j.dsl.VmsdDsl.field
import org.vmstate4j.dsl.VmsdDsl.vmsd
import org.vmstate4j.junit.VmStateAssertions.assertLoadFails
import org.vmstate4j.junit.VmStateAssertions.assertRoundTrip
import org.vmstate4j.junit.VmStateAssertions.assertSavesTo

class Slot { var v = 0 }

class Board { var n = 2; var slots = arrayOfNulls<Slot>(2) }

val SLOT = vmsd("k-slot", Slot::class.java).fields(field("v").uint8()).build()

val BOARD = vmsd("k-board", Board::class.java)
    .fields(field("n").uint32Equal(), field("slots").varrayUint32("n").ofPointers().autoAlloc(SLOT))
    .build()

class KotlinHostTest {
    @Test
    fun kotlinDescriptionsWorkWithTheHelpers() {
        val b = Board().apply { slots[1] = Slot().apply { v = 5 } }
        assertSavesTo(BOARD, b, "00000002 30 31 05")
        val copy = assertRoundTrip(BOARD, b) { Board() }
        assertEquals(5, copy.slots[1]!!.v)
        assertLoadFails(BOARD, Board(), "00000002 30 33", "Unexpected ptr marker")
    }

    @Test
    fun javaDescriptionsFromKotlin() {
        val h = Host().apply { queues[2] = Host.Queue().apply { head = 3 } }
        assertSavesTo(Host.VMSD, h, "00000003 30 30 31 0000 00000003")
    }
}

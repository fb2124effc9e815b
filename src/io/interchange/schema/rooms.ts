/** rooms.csv: the rooms of each school and how many students they seat. */
import { z } from "zod";
import type { Room } from "../../../domain/problem.ts";
import { countCell, parseWholeNumber, requiredText } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** rooms.csv: columns, row schema and cells. */
export const roomsTable: TableSchema<Room> = {
  file: "rooms.csv",
  columns: ["school_id", "room_id", "capacity"],
  required: ["school_id", "room_id", "capacity"],
  row: z.object({ schoolId: requiredText, roomId: requiredText, capacity: countCell }),
  quick: (cells) => {
    const { schoolId, roomId, capacity } = cells;
    if (schoolId === undefined || roomId === undefined || capacity === undefined) return undefined;
    const seats = parseWholeNumber(capacity, 0, Number.MAX_SAFE_INTEGER);
    if (seats === undefined) return undefined;
    const row = { ...cells } as unknown as Room;
    row.capacity = seats;
    return row;
  },
  cells: (r) => [r.schoolId, r.roomId, String(r.capacity)],
};

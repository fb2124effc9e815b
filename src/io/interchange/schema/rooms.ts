/** rooms.csv: the rooms of each school and how many students they seat. */
import { z } from "zod";
import type { Room } from "../../../domain/problem.ts";
import { countCell, requiredText } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** rooms.csv: columns, row schema and cells. */
export const roomsTable: TableSchema<Room> = {
  file: "rooms.csv",
  columns: ["school_id", "room_id", "capacity"],
  required: ["school_id", "room_id", "capacity"],
  row: z.compile(z.object({ schoolId: requiredText, roomId: requiredText, capacity: countCell })),
  cells: (r) => [r.schoolId, r.roomId, String(r.capacity)],
};

import { describe, expect, it } from "vitest";
import { ClinicalDb, DatabaseFullError } from "./_db.ts";

// The size limit (256 MiB) is too large to fill in a test over HTTP; this opens the
// database the sandbox uses with a small page limit and checks what a full one does.
describe("the clinical database", () => {
  it("refuses a write past its page limit with DatabaseFullError and keeps what was there", async () => {
    const db = await ClinicalDb.open(undefined, 40);
    try {
      await db.write(() => db.run("INSERT INTO stored_query (name, version, q, saved) VALUES ('kept', '1.0.0', 'q', 'now')"));
      const big = "x".repeat(4000);
      const filling = db.write(() => {
        for (let i = 0; i < 200; i++)
          db.run("INSERT INTO stored_query (name, version, q, saved) VALUES (?, '1.0.0', ?, 'now')", [`n${i}`, big]);
      });
      await expect(filling).rejects.toBeInstanceOf(DatabaseFullError);
      expect(db.all("SELECT name FROM stored_query")).toEqual([{ name: "kept" }]);
    } finally {
      await db.close();
    }
  });

  it("rolls a failed write back whole", async () => {
    const db = await ClinicalDb.open();
    try {
      const failing = db.write(() => {
        db.run("INSERT INTO stored_query (name, version, q, saved) VALUES ('a', '1.0.0', 'q', 'now')");
        throw new Error("second step fails");
      });
      await expect(failing).rejects.toThrow("second step fails");
      expect(db.all("SELECT name FROM stored_query")).toEqual([]);
      await db.close();
      await expect(db.write(() => 1)).rejects.toThrow("closed");
    } finally {
      await db.close();
    }
  });
});

-- CreateTable
CREATE TABLE "ArchiveState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "eventsVersion" INTEGER NOT NULL DEFAULT 0,
    "timelineVersion" INTEGER NOT NULL DEFAULT -1,

    CONSTRAINT "ArchiveState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineCount" (
    "granularity" "DatePrecision" NOT NULL,
    "period" DATE NOT NULL,
    "kind" "EventKind" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TimelineCount_pkey" PRIMARY KEY ("granularity","period","kind")
);

-- The one state row (written by hand: Prisma's diff knows tables, not rows).
INSERT INTO "ArchiveState" ("id") VALUES (1) ON CONFLICT DO NOTHING;

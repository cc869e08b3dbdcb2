-- CreateIndex
CREATE INDEX "Event_datePrecision_dateStart_dateEnd_idx" ON "Event"("datePrecision", "dateStart", "dateEnd");

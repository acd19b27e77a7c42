-- CreateTable
CREATE TABLE "Edition" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedById" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "diff" JSONB NOT NULL,

    CONSTRAINT "Edition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Edition_number_key" ON "Edition"("number");


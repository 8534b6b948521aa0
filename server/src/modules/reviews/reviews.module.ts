import { Module } from '@nestjs/common';
import { CalibrationController } from './calibration.controller.js';
import { CalibrationService } from './calibration.service.js';
import { CaseExportService } from './case-export.service.js';
import { ReviewFormService } from './review-form.service.js';
import { ReviewQueueService } from './review-queue.service.js';
import { ReviewsController } from './reviews.controller.js';

@Module({
  controllers: [ReviewsController, CalibrationController],
  providers: [ReviewQueueService, ReviewFormService, CalibrationService, CaseExportService],
})
export class ReviewsModule {}

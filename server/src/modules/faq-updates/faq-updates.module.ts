import { Module } from '@nestjs/common';
import { FaqUpdatesController } from './faq-updates.controller.js';
import { FaqUpdatesService } from './faq-updates.service.js';

@Module({ controllers: [FaqUpdatesController], providers: [FaqUpdatesService] })
export class FaqUpdatesModule {}

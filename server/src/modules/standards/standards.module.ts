import { Module } from '@nestjs/common';
import { StandardsController } from './standards.controller.js';

@Module({ controllers: [StandardsController] })
export class StandardsModule {}

import { Module } from '@nestjs/common';
import { PracticesController } from './practices.controller.js';

@Module({ controllers: [PracticesController] })
export class PracticesModule {}
